package io.influmeter.jobs.triggers;

/**
 * The final figures of one influencer in one campaign for one hour, from the latest final hourly
 * row of {@code engagement.windows} (late updates replace it). A Flink POJO kept in keyed state.
 */
public class HourlyFigures {

  public String influencerId;
  public long hourStart;
  public long clicks;
  public long botClicks;
  public long conversions;
  public long commissionMinor;

  /** Likes + comments + shares deltas of the hour (may be negative). */
  public long socialEngagement;

  public HourlyFigures() {}

  /** Human clicks: clicks minus bot clicks. */
  public long humanClicks() {
    return clicks - botClicks;
  }

  /** What the concentration rule ranks influencers by: human clicks + likes, comments, shares. */
  public long engagement() {
    return humanClicks() + socialEngagement;
  }
}
