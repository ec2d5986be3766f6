package io.influmeter.api.insights;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a report is written from: the campaign, per-influencer performance, the trigger (if
 * any) and the flat list of numbers a report may cite. The grounding check compares a report's
 * numbers with exactly {@link #facts()}.
 */
public record ReportFacts(
    CampaignSummary campaign,
    InsightKind kind,
    Instant periodStart,
    Instant periodEnd,
    List<InfluencerPerformance> influencers,
    Optional<TriggerInput> trigger,
    List<Fact> facts) {

  public ReportFacts {
    influencers = List.copyOf(influencers);
    facts = List.copyOf(facts);
  }

  /** The campaign-wide fact of that name, if present. */
  public Optional<Fact> campaignFact(String name) {
    return fact(name, Fact.CAMPAIGN);
  }

  public Optional<Fact> fact(String name, String subject) {
    return facts.stream()
        .filter(f -> f.name().equals(name) && f.subject().equals(subject))
        .findFirst();
  }
}
