package io.influmeter.api.insights;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of the periodic summaries: every active campaign whose last periodic report is older
 * than its {@code insights_every_days} gets one. Run on a schedule by the api-server runtime; safe
 * on several instances at once (the period is part of a unique key, so at most one report per
 * period is stored, and a raced duplicate is dropped).
 */
public final class PeriodicSummaries implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicSummaries.class);

  private final FactsRepository facts;
  private final InsightEngine engine;

  public PeriodicSummaries(FactsRepository facts, InsightEngine engine) {
    this.facts = facts;
    this.engine = engine;
  }

  /** Writes the due reports; returns how many were stored. */
  public int runOnce() {
    int stored = 0;
    for (CampaignSummary campaign : facts.activeCampaigns()) {
      try {
        if (engine.periodicIfDue(campaign).isPresent()) {
          stored++;
        }
      } catch (RuntimeException e) {
        // One campaign's failure (provider down, cost cap) must not starve the others.
        LOG.warn("periodic insight for campaign {} failed: {}", campaign.id(), e.toString());
      }
    }
    return stored;
  }

  @Override
  public void run() {
    try {
      int stored = runOnce();
      if (stored > 0) {
        LOG.info("stored {} periodic insight reports", stored);
      }
    } catch (RuntimeException e) {
      LOG.warn("periodic insights round failed: {}", e.toString());
    }
  }
}
