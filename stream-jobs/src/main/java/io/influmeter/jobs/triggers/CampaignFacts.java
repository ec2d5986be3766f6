package io.influmeter.jobs.triggers;

/**
 * What the AiTriggerJob knows about one campaign beyond its hourly figures: brand and dates (from
 * {@code referral.links}, else the brand from {@code attributions}), the first hour seen, the
 * commission spent so far, and the pending evaluation. A Flink POJO kept in keyed state.
 */
public class CampaignFacts {

  public String brandId;

  /** Campaign start and end in epoch millis, or null when unknown or open-ended. */
  public Long startsAt;

  public Long endsAt;

  /** Start of the first hour with a row: the baseline never reaches before it. */
  public Long firstHourStart;

  /** Commission of every final hourly row so far, in minor units of {@link #currency}. */
  public long commissionToDateMinor;

  public String currency;

  /** Event time of the pending evaluation timer, or null. */
  public Long nextEvaluation;

  public CampaignFacts() {}
}
