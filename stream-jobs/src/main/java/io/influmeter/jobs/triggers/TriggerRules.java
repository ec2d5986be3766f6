package io.influmeter.jobs.triggers;

import static io.influmeter.jobs.triggers.Decimals.fact;

import io.influmeter.events.AiTriggerKind;
import io.influmeter.events.TriggerFact;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rules of the AiTriggerJob as pure functions of one campaign's figures at the end of an hour
 * {@code hourEnd}: no state, no Flink, so each rule is tested on plain values. Windows: the last
 * hour is {@code [hourEnd - 1h, hourEnd)}, the baseline the 24 hours before it, the trailing day
 * {@code [hourEnd - 24h, hourEnd)}. All comparisons are exact (integers and decimals, no doubles).
 */
public final class TriggerRules {

  static final long HOUR = Duration.ofHours(1).toMillis();
  static final long DAY = Duration.ofHours(24).toMillis();

  private final TriggerThresholds thresholds;

  public TriggerRules(TriggerThresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** Every rule's detection at the end of {@code hourEnd}, in a fixed order. */
  public List<Detection> evaluate(
      long hourEnd,
      List<HourlyFigures> hours,
      List<PromoRedemption> redemptions,
      CampaignFacts facts,
      CampaignBudget budget) {
    List<Detection> detections = new ArrayList<>();
    concentration(hourEnd, hours).ifPresent(detections::add);
    clickChange(hourEnd, hours, facts.firstHourStart).ifPresent(detections::add);
    conversionRateDrop(hourEnd, hours, facts.firstHourStart).ifPresent(detections::add);
    budgetPacing(hourEnd, facts, budget).ifPresent(detections::add);
    campaignEnding(hourEnd, facts).ifPresent(detections::add);
    promoCodeLeak(hourEnd, hours, redemptions).ifPresent(detections::add);
    return detections;
  }

  /** The dedup period containing the evaluated hour. */
  long dedupKey(long hourEnd) {
    long period = thresholds.dedupPeriod().toMillis();
    return Math.floorDiv(hourEnd - HOUR, period) * period;
  }

  /** A few influencers carry most of the trailing day's engagement. */
  Optional<Detection> concentration(long hourEnd, List<HourlyFigures> hours) {
    Map<String, Long> byInfluencer = new TreeMap<>();
    for (HourlyFigures figures : within(hours, hourEnd - DAY, hourEnd)) {
      byInfluencer.merge(figures.influencerId, figures.engagement(), Long::sum);
    }
    List<Map.Entry<String, Long>> ranked =
        byInfluencer.entrySet().stream()
            .filter(entry -> entry.getValue() > 0)
            .sorted(
                Map.Entry.<String, Long>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .toList();
    long total = ranked.stream().mapToLong(Map.Entry::getValue).sum();
    if (ranked.size() < thresholds.concentrationMinInfluencers()
        || total < thresholds.concentrationMinEngagement()) {
      return Optional.empty();
    }
    List<Map.Entry<String, Long>> top =
        ranked.subList(0, Math.min(thresholds.concentrationTopInfluencers(), ranked.size()));
    long topTotal = top.stream().mapToLong(Map.Entry::getValue).sum();
    BigDecimal share = Decimals.ratio(topTotal, total);
    if (BigDecimal.valueOf(topTotal)
            .compareTo(thresholds.concentrationShare().multiply(BigDecimal.valueOf(total)))
        < 0) {
      return Optional.empty();
    }
    List<TriggerFact> facts = new ArrayList<>();
    facts.add(fact("total_engagement", total, "engagements", null));
    facts.add(fact("top_share", share, "ratio", null));
    facts.add(fact("influencers_with_engagement", ranked.size(), "influencers", null));
    for (Map.Entry<String, Long> entry : top) {
      facts.add(fact("engagement", entry.getValue(), "engagements", entry.getKey()));
      facts.add(
          fact(
              "engagement_share",
              Decimals.ratio(entry.getValue(), total),
              "ratio",
              entry.getKey()));
    }
    String names = joinNames(top.stream().map(Map.Entry::getKey).toList());
    String headline =
        names
            + " generated "
            + Decimals.percent(share)
            + " of total engagement in the last 24 hours";
    return Optional.of(
        new Detection(
            AiTriggerKind.ENGAGEMENT_CONCENTRATION,
            hourEnd - DAY,
            hourEnd,
            dedupKey(hourEnd),
            headline,
            facts));
  }

  /** The last hour's human clicks against the trailing 24-hour average. */
  Optional<Detection> clickChange(long hourEnd, List<HourlyFigures> hours, Long firstHourStart) {
    int baselineHours = baselineHours(hourEnd, firstHourStart);
    if (baselineHours < thresholds.baselineMinHours()) {
      return Optional.empty();
    }
    long last = sum(within(hours, hourEnd - HOUR, hourEnd), HourlyFigures::humanClicks);
    long baseline =
        sum(
            within(hours, hourEnd - HOUR - baselineHours * HOUR, hourEnd - HOUR),
            HourlyFigures::humanClicks);
    BigDecimal average = Decimals.ratio(baseline, baselineHours);
    BigDecimal lastTimesHours = BigDecimal.valueOf(last * baselineHours);
    BigDecimal baselineTotal = BigDecimal.valueOf(baseline);
    AiTriggerKind kind;
    if (last >= thresholds.clickMinCount()
        && lastTimesHours.compareTo(thresholds.clickSpikeFactor().multiply(baselineTotal)) >= 0) {
      kind = AiTriggerKind.CLICK_SPIKE;
    } else if (baseline >= thresholds.clickMinCount() * baselineHours
        && lastTimesHours.compareTo(thresholds.clickDropFactor().multiply(baselineTotal)) <= 0) {
      kind = AiTriggerKind.CLICK_DROP;
    } else {
      return Optional.empty();
    }
    List<TriggerFact> facts = new ArrayList<>();
    facts.add(fact("clicks_last_hour", last, "clicks", null));
    facts.add(fact("baseline_hourly_average", average, "clicks", null));
    facts.add(fact("baseline_hours", baselineHours, "hours", null));
    String change;
    if (baseline > 0) {
      BigDecimal ratio =
          BigDecimal.valueOf(last * baselineHours)
              .divide(baselineTotal, Decimals.RATIO_SCALE, RoundingMode.HALF_EVEN);
      facts.add(fact("ratio_to_baseline", ratio, "ratio", null));
      change = Decimals.text(ratio.setScale(1, RoundingMode.HALF_EVEN)) + "x";
    } else {
      change = "up from none";
    }
    String headline =
        kind == AiTriggerKind.CLICK_SPIKE
            ? "Clicks spiked to "
                + last
                + " in the last hour ("
                + change
                + " the 24-hour average of "
                + Decimals.text(average.setScale(1, RoundingMode.HALF_EVEN))
                + ")"
            : "Clicks dropped to "
                + last
                + " in the last hour ("
                + change
                + " the 24-hour average of "
                + Decimals.text(average.setScale(1, RoundingMode.HALF_EVEN))
                + ")";
    return Optional.of(
        new Detection(kind, hourEnd - HOUR, hourEnd, dedupKey(hourEnd), headline, facts));
  }

  /** The last hour's conversion rate against the trailing 24 hours' rate. */
  Optional<Detection> conversionRateDrop(
      long hourEnd, List<HourlyFigures> hours, Long firstHourStart) {
    int baselineHours = baselineHours(hourEnd, firstHourStart);
    if (baselineHours < thresholds.baselineMinHours()) {
      return Optional.empty();
    }
    List<HourlyFigures> lastHour = within(hours, hourEnd - HOUR, hourEnd);
    List<HourlyFigures> baseline =
        within(hours, hourEnd - HOUR - baselineHours * HOUR, hourEnd - HOUR);
    long lastClicks = sum(lastHour, HourlyFigures::humanClicks);
    long lastConversions = sum(lastHour, figures -> figures.conversions);
    long baselineClicks = sum(baseline, HourlyFigures::humanClicks);
    long baselineConversions = sum(baseline, figures -> figures.conversions);
    if (lastClicks < thresholds.conversionMinClicks()
        || baselineClicks < thresholds.conversionMinClicks()
        || baselineConversions <= 0) {
      return Optional.empty();
    }
    // last/lastClicks <= factor * base/baseClicks, cross-multiplied to stay exact.
    BigDecimal left =
        BigDecimal.valueOf(lastConversions).multiply(BigDecimal.valueOf(baselineClicks));
    BigDecimal right =
        thresholds
            .conversionDropFactor()
            .multiply(BigDecimal.valueOf(baselineConversions))
            .multiply(BigDecimal.valueOf(lastClicks));
    if (left.compareTo(right) > 0) {
      return Optional.empty();
    }
    BigDecimal lastRate = Decimals.ratio(lastConversions, lastClicks);
    BigDecimal baselineRate = Decimals.ratio(baselineConversions, baselineClicks);
    List<TriggerFact> facts =
        List.of(
            fact("conversion_rate_last_hour", lastRate, "ratio", null),
            fact("baseline_conversion_rate", baselineRate, "ratio", null),
            fact("conversions_last_hour", lastConversions, "conversions", null),
            fact("clicks_last_hour", lastClicks, "clicks", null),
            fact("baseline_conversions", baselineConversions, "conversions", null),
            fact("baseline_clicks", baselineClicks, "clicks", null));
    String headline =
        "Conversion rate fell to "
            + percentWithDecimals(lastRate)
            + " in the last hour from "
            + percentWithDecimals(baselineRate)
            + " over the previous 24 hours";
    return Optional.of(
        new Detection(
            AiTriggerKind.CONVERSION_RATE_DROP,
            hourEnd - HOUR,
            hourEnd,
            dedupKey(hourEnd),
            headline,
            facts));
  }

  /** Commission spent against the budget, compared with the share of the campaign elapsed. */
  Optional<Detection> budgetPacing(long hourEnd, CampaignFacts facts, CampaignBudget budget) {
    if (budget == null || facts.startsAt == null || facts.endsAt == null) {
      return Optional.empty();
    }
    if (facts.currency != null && !facts.currency.equals(budget.currency())) {
      return Optional.empty();
    }
    long duration = facts.endsAt - facts.startsAt;
    long elapsed = Math.max(0, Math.min(duration, hourEnd - facts.startsAt));
    if (duration <= 0 || elapsed <= 0) {
      return Optional.empty();
    }
    long spent = facts.commissionToDateMinor;
    BigDecimal spentShare = Decimals.ratio(spent, budget.amountMinor());
    BigDecimal elapsedShare = Decimals.ratio(elapsed, duration);
    boolean exhausted = spent >= budget.amountMinor();
    // spent/budget >= factor * elapsed/duration, cross-multiplied.
    boolean overpacing =
        BigDecimal.valueOf(spent)
                    .compareTo(
                        thresholds
                            .budgetMinSpentShare()
                            .multiply(BigDecimal.valueOf(budget.amountMinor())))
                >= 0
            && BigDecimal.valueOf(spent)
                    .multiply(BigDecimal.valueOf(duration))
                    .compareTo(
                        thresholds
                            .budgetOverpaceFactor()
                            .multiply(BigDecimal.valueOf(elapsed))
                            .multiply(BigDecimal.valueOf(budget.amountMinor())))
                >= 0;
    if (!exhausted && !overpacing) {
      return Optional.empty();
    }
    long projected =
        BigDecimal.valueOf(spent)
            .multiply(BigDecimal.valueOf(duration))
            .divide(BigDecimal.valueOf(elapsed), 0, RoundingMode.HALF_EVEN)
            .longValueExact();
    String currency = budget.currency();
    List<TriggerFact> list =
        List.of(
            fact("commission_spent_minor", spent, currency, null),
            fact("budget_minor", budget.amountMinor(), currency, null),
            fact("spent_share", spentShare, "ratio", null),
            fact("elapsed_share", elapsedShare, "ratio", null),
            fact("projected_spend_minor", projected, currency, null));
    String headline =
        exhausted
            ? "Commission spent has reached the budget ("
                + Decimals.percent(spentShare)
                + ") with "
                + Decimals.percent(elapsedShare)
                + " of the campaign elapsed"
            : "Commission spent is "
                + Decimals.percent(spentShare)
                + " of the budget with only "
                + Decimals.percent(elapsedShare)
                + " of the campaign elapsed";
    return Optional.of(
        new Detection(
            AiTriggerKind.BUDGET_PACING,
            facts.startsAt,
            hourEnd,
            dedupKey(hourEnd),
            headline,
            list));
  }

  /** The campaign ends within the notice period: told once per end date. */
  Optional<Detection> campaignEnding(long hourEnd, CampaignFacts facts) {
    if (facts.endsAt == null) {
      return Optional.empty();
    }
    long remaining = facts.endsAt - hourEnd;
    if (remaining <= 0 || remaining > thresholds.endingNotice().toMillis()) {
      return Optional.empty();
    }
    BigDecimal hours = Decimals.ratio(remaining, HOUR);
    List<TriggerFact> list = new ArrayList<>();
    list.add(fact("ends_at_epoch_millis", facts.endsAt, "epoch-millis", null));
    list.add(fact("hours_remaining", hours, "hours", null));
    if (facts.currency != null) {
      list.add(fact("commission_to_date_minor", facts.commissionToDateMinor, facts.currency, null));
    }
    String headline =
        "Campaign ends in "
            + hours.setScale(0, RoundingMode.FLOOR).toPlainString()
            + " hours ("
            + Instant.ofEpochMilli(facts.endsAt)
            + ")";
    return Optional.of(
        new Detection(
            AiTriggerKind.CAMPAIGN_ENDING, hourEnd, facts.endsAt, facts.endsAt, headline, list));
  }

  /** A promo code redeemed far more often than its influencer's link is clicked. */
  Optional<Detection> promoCodeLeak(
      long hourEnd, List<HourlyFigures> hours, List<PromoRedemption> redemptions) {
    Map<String, Long> redeemed = new TreeMap<>();
    Map<String, String> influencerOf = new TreeMap<>();
    for (PromoRedemption redemption : redemptions) {
      if (redemption.orderTime >= hourEnd - DAY && redemption.orderTime < hourEnd) {
        redeemed.merge(redemption.promoCode, 1L, Long::sum);
        influencerOf.put(redemption.promoCode, redemption.influencerId);
      }
    }
    Map<String, Long> clicks = new TreeMap<>();
    for (HourlyFigures figures : within(hours, hourEnd - DAY, hourEnd)) {
      clicks.merge(figures.influencerId, figures.humanClicks(), Long::sum);
    }
    List<TriggerFact> facts = new ArrayList<>();
    String worst = null;
    long worstCount = 0;
    for (Map.Entry<String, Long> entry : redeemed.entrySet()) {
      String influencer = influencerOf.get(entry.getKey());
      long count = entry.getValue();
      long linkClicks = Math.max(0, clicks.getOrDefault(influencer, 0L));
      boolean leak =
          count >= thresholds.promoLeakMinRedemptions()
              && BigDecimal.valueOf(count)
                      .compareTo(
                          thresholds.promoLeakFactor().multiply(BigDecimal.valueOf(linkClicks)))
                  >= 0;
      if (!leak) {
        continue;
      }
      facts.add(fact("code_redemptions", count, "orders", influencer));
      facts.add(fact("link_clicks", linkClicks, "clicks", influencer));
      if (linkClicks > 0) {
        facts.add(
            fact("redemptions_per_click", Decimals.ratio(count, linkClicks), "ratio", influencer));
      }
      if (count > worstCount) {
        worst = entry.getKey();
        worstCount = count;
      }
    }
    if (worst == null) {
      return Optional.empty();
    }
    long worstClicks = Math.max(0, clicks.getOrDefault(influencerOf.get(worst), 0L));
    String headline =
        "Promo code "
            + worst
            + " was redeemed "
            + worstCount
            + " times against "
            + worstClicks
            + " link clicks in the last 24 hours: possible leak to coupon sites";
    return Optional.of(
        new Detection(
            AiTriggerKind.PROMO_CODE_LEAK,
            hourEnd - DAY,
            hourEnd,
            dedupKey(hourEnd),
            headline,
            facts));
  }

  // Hours of baseline available: up to 24, never before the first hour the campaign had a row.
  private static int baselineHours(long hourEnd, Long firstHourStart) {
    if (firstHourStart == null) {
      return 0;
    }
    long available = (hourEnd - HOUR - firstHourStart) / HOUR;
    return (int) Math.max(0, Math.min(24, available));
  }

  private static List<HourlyFigures> within(List<HourlyFigures> hours, long from, long to) {
    return hours.stream()
        .filter(figures -> figures.hourStart >= from && figures.hourStart < to)
        .sorted(Comparator.comparingLong((HourlyFigures figures) -> figures.hourStart))
        .toList();
  }

  private static long sum(
      List<HourlyFigures> hours, java.util.function.ToLongFunction<HourlyFigures> value) {
    return hours.stream().mapToLong(value).sum();
  }

  private static String joinNames(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }

  private static String percentWithDecimals(BigDecimal ratio) {
    return Decimals.text(ratio.movePointRight(2).setScale(2, RoundingMode.HALF_EVEN)) + "%";
  }
}
