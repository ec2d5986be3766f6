package io.influmeter.jobs.engagement;

/**
 * A contribution the window function could not add to a window, with the reason: too late (the
 * window's allowed lateness had passed), money in another currency than the window's, or ids that
 * cannot form a row key (blank, or containing the key separator ':'). Kept in a side output and
 * counted, never silently dropped. A Flink POJO.
 */
public class RejectedContribution {

  public static final String TOO_LATE = "too-late";
  public static final String CURRENCY_MISMATCH = "currency-mismatch";
  public static final String INVALID_ROW = "invalid-row";

  /** {@link #TOO_LATE}, {@link #CURRENCY_MISMATCH} or {@link #INVALID_ROW}. */
  public String reason;

  /** The window size it was rejected for ({@code MINUTE} or {@code HOUR}; null for any). */
  public String granularity;

  public EngagementContribution contribution;

  public RejectedContribution() {}

  public static RejectedContribution of(
      String reason, String granularity, EngagementContribution contribution) {
    RejectedContribution rejected = new RejectedContribution();
    rejected.reason = reason;
    rejected.granularity = granularity;
    rejected.contribution = contribution;
    return rejected;
  }

  @Override
  public String toString() {
    return "RejectedContribution{" + reason + " " + granularity + " " + contribution + "}";
  }
}
