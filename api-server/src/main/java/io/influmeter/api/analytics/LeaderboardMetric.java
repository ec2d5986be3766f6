package io.influmeter.api.analytics;

import io.influmeter.api.analytics.AnalyticsViews.LeaderboardRow;
import io.influmeter.api.http.ApiException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What a leaderboard ranks by, highest first; an influencer without the figure (a rate with a zero
 * denominator) ranks after every one with it; ties go to the smaller influencer id, so the order is
 * the same on every call.
 */
enum LeaderboardMetric {
  REVENUE(r -> BigDecimal.valueOf(r.revenueMinor())),
  CONVERSIONS(r -> BigDecimal.valueOf(r.conversions())),
  CLICKS(r -> BigDecimal.valueOf(r.clicks())),
  ENGAGEMENT_RATE(r -> decimal(r.engagementRate())),
  REVENUE_PER_1K_FOLLOWERS(r -> decimal(r.revenuePer1kFollowers())),
  ROAS(r -> decimal(r.roas())),
  NET_REVENUE(r -> BigDecimal.valueOf(r.netRevenueMinor()));

  private final Function<LeaderboardRow, BigDecimal> value;

  LeaderboardMetric(Function<LeaderboardRow, BigDecimal> value) {
    this.value = value;
  }

  String parameter() {
    return name().toLowerCase(Locale.ROOT);
  }

  Comparator<LeaderboardRow> order() {
    return Comparator.comparing(value, Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(LeaderboardRow::influencerId);
  }

  static LeaderboardMetric parse(String value) {
    String text = value == null || value.isBlank() ? "revenue" : value.strip();
    for (LeaderboardMetric metric : values()) {
      if (metric.parameter().equals(text)) {
        return metric;
      }
    }
    throw ApiException.validation(
        List.of(
            new ApiException.FieldError(
                "by",
                "unknown value; one of "
                    + String.join(
                        ", ",
                        Arrays.stream(values()).map(LeaderboardMetric::parameter).toList()))));
  }

  private static BigDecimal decimal(String text) {
    return text == null ? null : new BigDecimal(text);
  }
}
