package io.influmeter.api.notifications;

import java.time.Duration;

/**
 * Exponential backoff between attempts: {@code base} after the first failure, four times longer
 * after each further one (30 s, 2 min, 8 min, 32 min, ... with the default base), capped at {@code
 * max}. Jitter only lengthens a wait, by up to a quarter, so instances that failed together against
 * a recovering SMTP server do not all come back in the same second, and no retry is ever earlier
 * than the documented schedule.
 */
public record RetryPolicy(Duration base, Duration max) {
  private static final int FACTOR = 4;
  private static final double MAX_JITTER = 0.25;

  /**
   * The wait after {@code failedAttempts} failures (at least 1), with {@code jitter} drawn
   * uniformly from [0, 1).
   */
  public Duration delayAfter(int failedAttempts, double jitter) {
    long nominalMillis = base.toMillis();
    long maxMillis = max.toMillis();
    for (int i = 1; i < failedAttempts && nominalMillis < maxMillis; i++) {
      nominalMillis = Math.multiplyExact(nominalMillis, FACTOR);
    }
    nominalMillis = Math.min(nominalMillis, maxMillis);
    long jittered = nominalMillis + (long) (nominalMillis * MAX_JITTER * jitter);
    return Duration.ofMillis(Math.min(jittered, maxMillis));
  }
}
