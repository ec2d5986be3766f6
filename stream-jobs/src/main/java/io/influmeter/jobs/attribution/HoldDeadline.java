package io.influmeter.jobs.attribution;

/**
 * When an order held for the watermark is released anyway: {@code maxOrderHold} after it arrived,
 * rounded up to the next whole second so the processing-time timers of one key coalesce.
 */
final class HoldDeadline {

  private HoldDeadline() {}

  static long of(long nowMillis, long maxOrderHoldMillis) {
    long deadline = nowMillis + maxOrderHoldMillis;
    return Math.floorDiv(deadline + 999, 1000) * 1000;
  }
}
