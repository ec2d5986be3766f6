package io.influmeter.jobs.triggers;

import io.influmeter.jobs.common.EnvironmentConfig;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * When a fact is worth telling a brand. Ratios are exact decimals. Environment variables are the
 * upper-case names with the prefix {@code AI_TRIGGER_} (e.g. {@code
 * AI_TRIGGER_CLICK_SPIKE_FACTOR}).
 *
 * @param concentrationTopInfluencers how many top influencers the concentration rule names (2)
 * @param concentrationShare their combined share of engagement that makes it a fact (0.8)
 * @param concentrationMinInfluencers influencers with engagement needed for "a few of many" (3)
 * @param concentrationMinEngagement total engagement below which shares are noise (100)
 * @param clickSpikeFactor last hour at least this times the trailing hourly average (3)
 * @param clickDropFactor last hour at most this times the trailing hourly average (0.3)
 * @param clickMinCount last hour (spike) or average (drop) human clicks needed (30)
 * @param baselineMinHours hours of history the trailing baseline needs (6)
 * @param conversionDropFactor last hour's rate at most this times the baseline rate (0.5)
 * @param conversionMinClicks human clicks needed in the last hour and in the baseline (100)
 * @param budgetOverpaceFactor spent share at least this times the elapsed share (1.25)
 * @param budgetMinSpentShare spent share below which pacing is not reported (0.1)
 * @param endingNotice how long before the campaign end it is "ending soon" (48h)
 * @param promoLeakFactor redemptions at least this times the link's clicks (3)
 * @param promoLeakMinRedemptions redemptions needed in the trailing day (10)
 * @param evaluationDelay how long after an hour ends (event time) it is evaluated (5m)
 * @param dedupPeriod at most one trigger per campaign per kind per period (24h)
 */
public record TriggerThresholds(
    int concentrationTopInfluencers,
    BigDecimal concentrationShare,
    int concentrationMinInfluencers,
    long concentrationMinEngagement,
    BigDecimal clickSpikeFactor,
    BigDecimal clickDropFactor,
    long clickMinCount,
    int baselineMinHours,
    BigDecimal conversionDropFactor,
    long conversionMinClicks,
    BigDecimal budgetOverpaceFactor,
    BigDecimal budgetMinSpentShare,
    Duration endingNotice,
    BigDecimal promoLeakFactor,
    long promoLeakMinRedemptions,
    Duration evaluationDelay,
    Duration dedupPeriod)
    implements Serializable {

  public TriggerThresholds {
    Objects.requireNonNull(concentrationShare, "concentrationShare");
    Objects.requireNonNull(clickSpikeFactor, "clickSpikeFactor");
    Objects.requireNonNull(clickDropFactor, "clickDropFactor");
    Objects.requireNonNull(conversionDropFactor, "conversionDropFactor");
    Objects.requireNonNull(budgetOverpaceFactor, "budgetOverpaceFactor");
    Objects.requireNonNull(budgetMinSpentShare, "budgetMinSpentShare");
    Objects.requireNonNull(endingNotice, "endingNotice");
    Objects.requireNonNull(promoLeakFactor, "promoLeakFactor");
    Objects.requireNonNull(evaluationDelay, "evaluationDelay");
    Objects.requireNonNull(dedupPeriod, "dedupPeriod");
  }

  public static TriggerThresholds defaults() {
    return new TriggerThresholds(
        2,
        new BigDecimal("0.8"),
        3,
        100,
        new BigDecimal("3"),
        new BigDecimal("0.3"),
        30,
        6,
        new BigDecimal("0.5"),
        100,
        new BigDecimal("1.25"),
        new BigDecimal("0.1"),
        Duration.ofHours(48),
        new BigDecimal("3"),
        10,
        Duration.ofMinutes(5),
        Duration.ofHours(24));
  }

  /** Reads every threshold (problems are recorded in {@code env}). */
  public static TriggerThresholds fromEnvironment(EnvironmentConfig env, String prefix) {
    TriggerThresholds d = defaults();
    return new TriggerThresholds(
        env.positiveInt(prefix + "CONCENTRATION_TOP_INFLUENCERS", d.concentrationTopInfluencers),
        decimal(env, prefix + "CONCENTRATION_SHARE", d.concentrationShare),
        env.positiveInt(prefix + "CONCENTRATION_MIN_INFLUENCERS", d.concentrationMinInfluencers),
        env.positiveInt(
            prefix + "CONCENTRATION_MIN_ENGAGEMENT", (int) d.concentrationMinEngagement),
        decimal(env, prefix + "CLICK_SPIKE_FACTOR", d.clickSpikeFactor),
        decimal(env, prefix + "CLICK_DROP_FACTOR", d.clickDropFactor),
        env.positiveInt(prefix + "CLICK_MIN_COUNT", (int) d.clickMinCount),
        env.positiveInt(prefix + "BASELINE_MIN_HOURS", d.baselineMinHours),
        decimal(env, prefix + "CONVERSION_DROP_FACTOR", d.conversionDropFactor),
        env.positiveInt(prefix + "CONVERSION_MIN_CLICKS", (int) d.conversionMinClicks),
        decimal(env, prefix + "BUDGET_OVERPACE_FACTOR", d.budgetOverpaceFactor),
        decimal(env, prefix + "BUDGET_MIN_SPENT_SHARE", d.budgetMinSpentShare),
        env.duration(prefix + "ENDING_NOTICE", d.endingNotice),
        decimal(env, prefix + "PROMO_LEAK_FACTOR", d.promoLeakFactor),
        env.positiveInt(prefix + "PROMO_LEAK_MIN_REDEMPTIONS", (int) d.promoLeakMinRedemptions),
        env.duration(prefix + "EVALUATION_DELAY", d.evaluationDelay),
        env.duration(prefix + "DEDUP_PERIOD", d.dedupPeriod));
  }

  private static BigDecimal decimal(EnvironmentConfig env, String key, BigDecimal defaultValue) {
    String raw = env.optional(key).orElse(null);
    if (raw == null) {
      return defaultValue;
    }
    try {
      BigDecimal value = new BigDecimal(raw);
      if (value.signum() > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    env.problem(key, "must be a positive decimal such as 0.8 (was '" + raw + "')");
    return defaultValue;
  }
}
