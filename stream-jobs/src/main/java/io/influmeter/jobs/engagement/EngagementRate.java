package io.influmeter.jobs.engagement;

/**
 * The engagement rate of a window: {@code (likes + comments + shares) / views} when the platform
 * reports views, else {@code / reach} when it reports reach. Null when the chosen denominator is
 * not positive (no views in the window, or counters went down): a rate over nothing is not 0.
 *
 * <p>It is a ratio shown on dashboards, not money, so a {@code double} is fine here.
 */
public final class EngagementRate {

  private EngagementRate() {}

  public static Double of(
      long likes,
      long comments,
      long shares,
      boolean viewsReported,
      long views,
      boolean reachReported,
      long reach) {
    long denominator;
    if (viewsReported) {
      denominator = views;
    } else if (reachReported) {
      denominator = reach;
    } else {
      return null;
    }
    if (denominator <= 0) {
      return null;
    }
    return (double) (likes + comments + shares) / denominator;
  }
}
