package io.influmeter.api.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The offline writer (the default with no provider configured): the same structured report from
 * templates. Every number it writes is a fact formatted by {@link #percent}, {@link #count} or
 * {@link #money}, each of which the grounding check accepts by construction, so its reports are
 * always grounded. Deterministic: the same facts give the same report.
 */
public final class BuiltinWriter implements ReportWriter {
  public static final String MODEL = "builtin-templates-v1";

  @Override
  public Provider provider() {
    return Provider.BUILTIN;
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public Written write(Prompt prompt, ReportFacts facts, List<String> rejectedNumbers) {
    return new Written(
        new Report(summary(facts), suggestions(facts), confidence(facts)), TokenUsage.NONE);
  }

  private static String summary(ReportFacts facts) {
    String currency = facts.campaign().currency();
    StringBuilder text = new StringBuilder();
    headline(facts).ifPresent(h -> text.append(h).append(' '));
    text.append("Over the last ")
        .append(count(value(facts, "period_days")))
        .append(" days, ")
        .append(count(value(facts, "influencers")))
        .append(" influencers brought ")
        .append(count(value(facts, "total_clicks")))
        .append(" clicks, ")
        .append(count(value(facts, "total_conversions")))
        .append(" orders and ")
        .append(money(value(facts, "total_revenue_minor"), currency))
        .append(" in revenue (conversion rate ")
        .append(percent(value(facts, "conversion_rate")))
        .append(").");
    return text.toString();
  }

  /** The trigger's finding in words, from the trigger's own facts. */
  private static Optional<String> headline(ReportFacts facts) {
    if (facts.trigger().isEmpty()) {
      return Optional.empty();
    }
    return switch (facts.kind()) {
      case ENGAGEMENT_CONCENTRATION -> concentration(facts);
      case BUDGET_PACING ->
          both(facts, "trigger.spent_share", "trigger.elapsed_share")
              .map(
                  f ->
                      percent(f.get(0))
                          + " of the budget is spent with "
                          + percent(f.get(1))
                          + " of the campaign time elapsed.");
      case CONVERSION_RATE_DROP ->
          both(facts, "trigger.conversion_rate_last_hour", "trigger.baseline_conversion_rate")
              .map(
                  f ->
                      "The conversion rate fell to "
                          + percent(f.get(0))
                          + " in the last hour against "
                          + percent(f.get(1))
                          + " before.");
      case CLICK_SPIKE, CLICK_DROP ->
          both(facts, "trigger.clicks_last_hour", "trigger.baseline_hourly_average")
              .map(
                  f ->
                      "Clicks in the last hour: "
                          + count(f.get(0))
                          + " against an hourly average of "
                          + count(f.get(1))
                          + ".");
      case CAMPAIGN_ENDING ->
          facts
              .campaignFact("trigger.hours_remaining")
              .map(f -> "The campaign ends in " + count(f.value()) + " hours.");
      case PROMO_CODE_LEAK ->
          Optional.of("A promo code is being redeemed far more often than its link is clicked.");
      case PERIODIC, ON_DEMAND -> Optional.empty();
    };
  }

  private static Optional<String> concentration(ReportFacts facts) {
    List<String> names = new ArrayList<>();
    for (Fact fact : facts.facts()) {
      if (fact.name().equals("trigger.engagement_share")) {
        names.add(nameOf(facts, fact.subject()));
      }
    }
    Optional<Fact> share = facts.campaignFact("trigger.top_share");
    if (names.isEmpty() || share.isEmpty()) {
      return Optional.empty();
    }
    String joined =
        names.size() == 1
            ? names.get(0)
            : String.join(", ", names.subList(0, names.size() - 1))
                + " and "
                + names.get(names.size() - 1);
    return Optional.of(
        joined + " generated " + percent(share.get().value()) + " of total engagement.");
  }

  private static List<Report.Suggestion> suggestions(ReportFacts facts) {
    List<Report.Suggestion> list = new ArrayList<>();
    String currency = facts.campaign().currency();
    if (!facts.influencers().isEmpty()) {
      InfluencerPerformance top = facts.influencers().get(0);
      String share = percent(top.engagementShare());
      String orders = count(BigDecimal.valueOf(top.conversions()));
      String revenue = money(BigDecimal.valueOf(top.revenueMinor()), currency);
      list.add(
          new Report.Suggestion(
              "Give "
                  + top.displayName()
                  + " more of the content plan: "
                  + share
                  + " of total engagement, "
                  + orders
                  + " orders and "
                  + revenue
                  + " in revenue.",
              List.of(share, orders, revenue)));
    }
    for (InfluencerPerformance influencer : facts.influencers()) {
      if (influencer.clicks() > 0 && influencer.conversions() == 0) {
        String clicks = count(BigDecimal.valueOf(influencer.clicks()));
        list.add(
            new Report.Suggestion(
                "Check "
                    + influencer.displayName()
                    + "'s link and promo code placement: "
                    + clicks
                    + " clicks brought no orders.",
                List.of(clicks)));
        break;
      }
    }
    String rate = percent(value(facts, "conversion_rate"));
    String clicks = count(value(facts, "total_clicks"));
    list.add(
        new Report.Suggestion(
            "Review the landing page and offer: the conversion rate is "
                + rate
                + " over "
                + clicks
                + " clicks.",
            List.of(rate, clicks)));
    return list;
  }

  private static BigDecimal confidence(ReportFacts facts) {
    // More measured activity, more confidence; templates never claim certainty.
    long clicks = value(facts, "total_clicks").longValue();
    if (clicks >= 1_000) {
      return new BigDecimal("0.80");
    }
    return clicks >= 100 ? new BigDecimal("0.60") : new BigDecimal("0.30");
  }

  private static String nameOf(ReportFacts facts, String subject) {
    return facts.influencers().stream()
        .filter(i -> i.label().equals(subject))
        .map(InfluencerPerformance::displayName)
        .findFirst()
        .orElse("one influencer");
  }

  private static Optional<List<BigDecimal>> both(ReportFacts facts, String first, String second) {
    Optional<Fact> a = facts.campaignFact(first);
    Optional<Fact> b = facts.campaignFact(second);
    if (a.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(List.of(a.get().value(), b.get().value()));
  }

  private static BigDecimal value(ReportFacts facts, String name) {
    return facts.campaignFact(name).map(Fact::value).orElse(BigDecimal.ZERO);
  }

  /** A ratio as a percentage with at most one decimal (0.7996 -> 80%, 0.1234 -> 12.3%). */
  static String percent(BigDecimal ratio) {
    BigDecimal stripped =
        ratio.movePointRight(2).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
    if (stripped.scale() < 0) {
      stripped = stripped.setScale(0);
    }
    return stripped.toPlainString() + "%";
  }

  static String count(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
  }

  /** Minor units in major units with two decimals and grouping: 125000 KES -> KES 1,250.00. */
  static String money(BigDecimal minor, String currency) {
    DecimalFormat format =
        new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setRoundingMode(RoundingMode.UNNECESSARY);
    return currency + " " + format.format(minor.movePointLeft(2));
  }
}
