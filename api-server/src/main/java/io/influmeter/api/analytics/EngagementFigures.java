package io.influmeter.api.analytics;

import java.time.LocalDateTime;

/**
 * Sums of {@code engagement_windows} rows: traffic (clicks with bots, distinct visitors per window,
 * bot clicks) and social deltas, with the newest {@code updated_at} among the rows.
 */
record EngagementFigures(
    long clicks,
    long uniqueVisitors,
    long botClicks,
    long views,
    long likes,
    long comments,
    long shares,
    LocalDateTime newest) {

  static final EngagementFigures ZERO = new EngagementFigures(0, 0, 0, 0, 0, 0, 0, null);

  EngagementFigures plus(EngagementFigures o) {
    return new EngagementFigures(
        Math.addExact(clicks, o.clicks),
        Math.addExact(uniqueVisitors, o.uniqueVisitors),
        Math.addExact(botClicks, o.botClicks),
        Math.addExact(views, o.views),
        Math.addExact(likes, o.likes),
        Math.addExact(comments, o.comments),
        Math.addExact(shares, o.shares),
        Newest.of(newest, o.newest));
  }

  long engagements() {
    return likes + comments + shares;
  }
}
