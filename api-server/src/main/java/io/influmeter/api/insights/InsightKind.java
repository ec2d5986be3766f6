package io.influmeter.api.insights;

/** Why a report was written: the schedule, a user's request, or one of the trigger kinds. */
public enum InsightKind {
  PERIODIC,
  ON_DEMAND,
  ENGAGEMENT_CONCENTRATION,
  CLICK_SPIKE,
  CLICK_DROP,
  CONVERSION_RATE_DROP,
  BUDGET_PACING,
  CAMPAIGN_ENDING,
  PROMO_CODE_LEAK
}
