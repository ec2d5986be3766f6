package io.influmeter.api.insights;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes, checks and stores reports: loads the facts, builds the prompt, asks the writer, runs the
 * grounding check and stores the result with its token usage and cost.
 *
 * <p>Grounding policy: a report that cites a number absent from its facts (or is not a valid
 * report) is rejected and the writer is asked once more, told which numbers were wrong; if the
 * second answer still cites unsupported numbers it is stored flagged {@code grounded=false} with
 * the offending numbers, so the brand sees the flag rather than nothing. The cost cap is checked
 * before every call with that call's worst case: no call is made that could exceed it.
 */
public final class InsightEngine {
  static final int MAX_ATTEMPTS = 2;

  private final FactsRepository facts;
  private final InsightRepository insights;
  private final PromptBuilder prompts;
  private final ReportWriter writer;
  private final CostMeter costs;
  private final int maxOutputTokens;
  private final String costCurrency;
  private final Clock clock;

  public InsightEngine(
      FactsRepository facts,
      InsightRepository insights,
      PromptBuilder prompts,
      ReportWriter writer,
      CostMeter costs,
      int maxOutputTokens,
      String costCurrency,
      Clock clock) {
    this.facts = facts;
    this.insights = insights;
    this.prompts = prompts;
    this.writer = writer;
    this.costs = costs;
    this.maxOutputTokens = maxOutputTokens;
    this.costCurrency = costCurrency;
    this.clock = clock;
  }

  /** The outcome of a trigger: its insight (new or already stored), or why there is none. */
  public sealed interface TriggerOutcome {
    record Stored(Insight insight, boolean duplicate) implements TriggerOutcome {}

    record UnknownCampaign(String campaignId) implements TriggerOutcome {}
  }

  /**
   * The report of one trigger. A trigger id already stored returns that insight without calling the
   * writer again (redelivery after a crash costs nothing).
   */
  public TriggerOutcome forTrigger(TriggerInput trigger) {
    Optional<Insight> existing = insights.byTrigger(trigger.triggerId());
    if (existing.isPresent()) {
      return new TriggerOutcome.Stored(existing.get(), true);
    }
    Optional<CampaignSummary> campaign = campaign(trigger.campaignId());
    if (campaign.isEmpty()) {
      return new TriggerOutcome.UnknownCampaign(trigger.campaignId());
    }
    ReportFacts reportFacts =
        facts.load(
            campaign.get(),
            trigger.kind(),
            trigger.periodStart(),
            trigger.periodEnd(),
            Optional.of(trigger));
    Insight insight = write(reportFacts, trigger.triggerId());
    if (insights.insert(insight)) {
      return new TriggerOutcome.Stored(insight, false);
    }
    // Raced with another worker on the same trigger: theirs is the stored one.
    return new TriggerOutcome.Stored(insights.byTrigger(trigger.triggerId()).orElseThrow(), true);
  }

  /** A report on request, over the campaign's reporting period up to now. */
  public Insight onDemand(CampaignSummary campaign) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant from = now.minus(Duration.ofDays(campaign.insightsEveryDays()));
    Insight insight =
        write(facts.load(campaign, InsightKind.ON_DEMAND, from, now, Optional.empty()), null);
    insights.insert(insight);
    return insight;
  }

  /**
   * The periodic summary when it is due (none of the campaign's periodic reports is younger than
   * its period): empty when not due.
   */
  public Optional<Insight> periodicIfDue(CampaignSummary campaign) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Duration every = Duration.ofDays(campaign.insightsEveryDays());
    Optional<Instant> last = insights.latest(campaign.id(), InsightKind.PERIODIC);
    if (last.isPresent() && last.get().plus(every).isAfter(now)) {
      return Optional.empty();
    }
    Insight insight =
        write(
            facts.load(campaign, InsightKind.PERIODIC, now.minus(every), now, Optional.empty()),
            null);
    return insights.insert(insight) ? Optional.of(insight) : Optional.empty();
  }

  public Optional<CampaignSummary> campaign(String campaignId) {
    try {
      return facts.campaign(UUID.fromString(campaignId));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public Optional<CampaignSummary> campaign(UUID campaignId) {
    return facts.campaign(campaignId);
  }

  /** Writes and checks a report (see the class comment for the retry and cost rules). */
  Insight write(ReportFacts reportFacts, String triggerId) {
    Prompt prompt = prompts.build(reportFacts);
    ReportWriter.TokenUsage spent = ReportWriter.TokenUsage.NONE;
    Report report = null;
    GroundingCheck.Result grounding = null;
    List<String> rejected = List.of();
    int attempts = 0;
    while (attempts < MAX_ATTEMPTS) {
      if (!costs.allows(spent, prompt, maxOutputTokens)) {
        if (report != null) {
          break; // keep the flagged report rather than risk the cap on a retry
        }
        throw new ReportWriter.WriterException(
            "a report could cost more than the cap of " + costs.cap() + " " + costCurrency,
            true,
            spent,
            null);
      }
      attempts++;
      ReportWriter.Written written;
      try {
        written = writer.write(prompt, reportFacts, rejected);
      } catch (ReportWriter.WriterException e) {
        spent = spent.plus(e.spent());
        boolean invalidAnswer = e.getCause() instanceof ReportParser.InvalidReportException;
        if (invalidAnswer && attempts < MAX_ATTEMPTS) {
          continue;
        }
        throw new ReportWriter.WriterException(
            e.getMessage(), e.permanent() || invalidAnswer, spent, e);
      }
      spent = spent.plus(written.usage());
      report = written.report();
      grounding = GroundingCheck.check(report, reportFacts);
      if (grounding.grounded()) {
        break;
      }
      rejected = new ArrayList<>(grounding.ungrounded());
    }
    BigDecimal cost = costs.cost(spent);
    return new Insight(
        UUID.randomUUID(),
        reportFacts.campaign().id(),
        triggerId,
        reportFacts.kind(),
        reportFacts.periodStart(),
        reportFacts.periodEnd(),
        writer.provider(),
        writer.model(),
        prompt.sha256(),
        report.summary(),
        report.suggestions(),
        report.confidence(),
        grounding.grounded(),
        grounding.ungrounded(),
        attempts,
        spent.input(),
        spent.output(),
        spent.total(),
        cost,
        costCurrency,
        clock.instant().truncatedTo(ChronoUnit.MICROS));
  }
}
