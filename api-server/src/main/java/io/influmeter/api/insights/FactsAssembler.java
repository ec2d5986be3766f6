package io.influmeter.api.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns loaded figures into {@link ReportFacts}: ranks influencers by engagement, labels them
 * ({@code influencer_1} is the most engaging), and computes every number a report may cite (totals,
 * shares, rates) once, exactly, so writers cite and the grounding check compares the same values.
 */
public final class FactsAssembler {
  /** Ratios carry four decimals: enough for a percentage with two. */
  static final int RATIO_SCALE = 4;

  private FactsAssembler() {}

  /** One influencer's raw sums from the engagement windows plus the public profile fields. */
  public record Figures(
      String influencerId,
      String handle,
      String niche,
      String region,
      Long followersTotal,
      long clicks,
      long conversions,
      long revenueMinor,
      long views,
      long engagements) {}

  public static ReportFacts assemble(
      CampaignSummary campaign,
      InsightKind kind,
      Instant periodStart,
      Instant periodEnd,
      List<Figures> figures,
      Optional<TriggerInput> trigger) {
    List<Figures> ranked =
        figures.stream()
            .sorted(
                Comparator.comparingLong(Figures::engagements)
                    .reversed()
                    .thenComparing(Figures::influencerId))
            .toList();
    long totalEngagements = ranked.stream().mapToLong(Figures::engagements).sum();
    long totalClicks = ranked.stream().mapToLong(Figures::clicks).sum();
    long totalConversions = ranked.stream().mapToLong(Figures::conversions).sum();
    long totalRevenue = ranked.stream().mapToLong(Figures::revenueMinor).sum();
    String currency = campaign.currency();

    List<InfluencerPerformance> influencers = new ArrayList<>();
    List<Fact> facts = new ArrayList<>();
    facts.add(campaignFact("budget_minor", BigDecimal.valueOf(campaign.budgetMinor()), currency));
    long days = Math.max(1, Duration.between(periodStart, periodEnd).toDays());
    facts.add(campaignFact("period_days", BigDecimal.valueOf(days), "days"));
    facts.add(campaignFact("influencers", BigDecimal.valueOf(ranked.size()), "influencers"));
    facts.add(campaignFact("total_clicks", BigDecimal.valueOf(totalClicks), "clicks"));
    facts.add(campaignFact("total_conversions", BigDecimal.valueOf(totalConversions), "orders"));
    facts.add(campaignFact("total_revenue_minor", BigDecimal.valueOf(totalRevenue), currency));
    facts.add(
        campaignFact("total_engagement", BigDecimal.valueOf(totalEngagements), "engagements"));
    facts.add(campaignFact("conversion_rate", ratio(totalConversions, totalClicks), Fact.RATIO));

    Map<String, String> labelById = new HashMap<>();
    for (int i = 0; i < ranked.size(); i++) {
      Figures f = ranked.get(i);
      String label = "influencer_" + (i + 1);
      labelById.put(f.influencerId(), label);
      BigDecimal share = ratio(f.engagements(), totalEngagements);
      influencers.add(
          new InfluencerPerformance(
              label,
              f.influencerId(),
              f.handle(),
              f.niche(),
              f.region(),
              f.followersTotal(),
              f.clicks(),
              f.conversions(),
              f.revenueMinor(),
              f.views(),
              f.engagements(),
              share));
      facts.add(new Fact("clicks", label, BigDecimal.valueOf(f.clicks()), "clicks"));
      facts.add(new Fact("conversions", label, BigDecimal.valueOf(f.conversions()), "orders"));
      facts.add(new Fact("revenue_minor", label, BigDecimal.valueOf(f.revenueMinor()), currency));
      facts.add(new Fact("engagement", label, BigDecimal.valueOf(f.engagements()), "engagements"));
      facts.add(new Fact("engagement_share", label, share, Fact.RATIO));
      if (f.followersTotal() != null) {
        facts.add(
            new Fact(
                "followers_total", label, BigDecimal.valueOf(f.followersTotal()), "followers"));
      }
    }
    // Cumulative shares of the top influencers, so "A and B generated 80%" is a fact, not a sum
    // the writer has to do.
    long running = 0;
    for (int i = 0; i < ranked.size() && i < 3; i++) {
      running += ranked.get(i).engagements();
      if (i > 0) {
        facts.add(
            campaignFact(
                "top_" + (i + 1) + "_engagement_share",
                ratio(running, totalEngagements),
                Fact.RATIO));
      }
    }
    trigger.ifPresent(t -> addTriggerFacts(t, labelById, facts));
    return new ReportFacts(
        campaign, kind, periodStart, periodEnd, influencers, trigger, List.copyOf(facts));
  }

  private static void addTriggerFacts(
      TriggerInput trigger, Map<String, String> labelById, List<Fact> facts) {
    int unknown = 0;
    Map<String, String> extraLabels = new HashMap<>();
    for (TriggerInput.TriggerFactInput input : trigger.facts()) {
      BigDecimal value;
      try {
        value = new BigDecimal(input.value());
      } catch (NumberFormatException e) {
        continue; // not a number: nothing a report could cite
      }
      String subject = Fact.CAMPAIGN;
      if (input.subjectId() != null) {
        subject = labelById.get(input.subjectId());
        if (subject == null) {
          // An influencer with no engagement rows yet: still a subject, never by raw id.
          subject = extraLabels.get(input.subjectId());
          if (subject == null) {
            subject = "trigger_subject_" + (++unknown);
            extraLabels.put(input.subjectId(), subject);
          }
        }
      }
      String unit = input.unit() == null ? "" : input.unit();
      facts.add(new Fact("trigger." + input.name(), subject, value, unit));
    }
  }

  private static Fact campaignFact(String name, BigDecimal value, String unit) {
    return new Fact(name, Fact.CAMPAIGN, value, unit);
  }

  static BigDecimal ratio(long part, long whole) {
    if (whole == 0) {
      return BigDecimal.ZERO.setScale(RATIO_SCALE);
    }
    return BigDecimal.valueOf(part)
        .divide(BigDecimal.valueOf(whole), RATIO_SCALE, RoundingMode.HALF_EVEN);
  }
}
