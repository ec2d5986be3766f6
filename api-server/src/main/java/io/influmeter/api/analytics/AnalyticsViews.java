package io.influmeter.api.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;

/**
 * The JSON bodies of the analytics routes (snake_case, as the analytics contract fixes them). Money
 * is long minor units of {@code currency}; rates are decimal strings.
 */
final class AnalyticsViews {
  private AnalyticsViews() {}

  /** Activity plus money (one currency); the JSON object is flat. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Totals(
      @JsonUnwrapped Activity activity,
      long revenueMinor,
      long commissionMinor,
      long refundsMinor,
      long refundedOrders,
      long netRevenueMinor) {

    static Totals of(EngagementFigures e, OrderFigures o, Long followers) {
      return new Totals(
          Activity.of(e, o.conversions(), followers),
          o.revenueMinor(),
          o.commissionMinor(),
          o.refundsMinor(),
          o.refundedOrders(),
          o.netRevenueMinor());
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Summary(UUID campaignId, String currency, Totals totals, Freshness freshness) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Point(
      String t,
      long clicks,
      long uniqueVisitors,
      long botClicks,
      long conversions,
      long revenueMinor,
      long commissionMinor) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record TimeSeries(
      UUID campaignId,
      String bucket,
      String tz,
      String currency,
      List<Point> points,
      Freshness freshness) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record LeaderboardRow(
      int rank,
      String influencerId,
      String displayName,
      Long followers,
      long clicks,
      long conversions,
      long revenueMinor,
      long netRevenueMinor,
      long commissionMinor,
      String engagementRate,
      @JsonProperty("revenue_per_1k_followers") String revenuePer1kFollowers,
      String roas) {}

  /** {@code campaign_id} is null for the platform-wide board. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Leaderboard(
      UUID campaignId,
      String by,
      String currency,
      List<LeaderboardRow> rows,
      Freshness freshness) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Money(
      String currency,
      long conversions,
      long revenueMinor,
      long refundsMinor,
      long netRevenueMinor,
      long commissionMinor) {}

  /** Traffic, conversions and social figures without money (which is per currency). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Activity(
      long clicks,
      long uniqueVisitors,
      long botClicks,
      long conversions,
      String conversionRate,
      Long followers,
      long views,
      long likes,
      long comments,
      long shares,
      String engagementRate) {

    static Activity of(EngagementFigures e, long conversions, Long followers) {
      return new Activity(
          e.clicks(),
          e.uniqueVisitors(),
          e.botClicks(),
          conversions,
          ratio(conversions, e.clicks() - e.botClicks(), 4),
          followers,
          e.views(),
          e.likes(),
          e.comments(),
          e.shares(),
          ratio(e.engagements(), e.views(), 4));
    }
  }

  /** An influencer's own figures across campaigns: traffic and social, money per currency. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record InfluencerSummary(
      UUID influencerId,
      java.time.Instant from,
      java.time.Instant to,
      Activity totals,
      List<Money> money,
      Freshness freshness) {}

  /**
   * {@code numerator / denominator} rounded half-even to {@code scale}; null when dividing by 0.
   */
  static BigDecimal ratioValue(long numerator, long denominator, int scale) {
    if (denominator <= 0) {
      return null;
    }
    return BigDecimal.valueOf(numerator)
        .divide(BigDecimal.valueOf(denominator), scale, RoundingMode.HALF_EVEN);
  }

  static String ratio(long numerator, long denominator, int scale) {
    BigDecimal value = ratioValue(numerator, denominator, scale);
    return value == null ? null : value.toPlainString();
  }
}
