package io.influmeter.jobs.attribution;

import io.influmeter.events.AttributionModel;
import java.util.List;

/**
 * Credit shares (parts per million, summing to exactly 1,000,000) of the distinct influencers on a
 * journey, oldest first, under a campaign's multi-touch model. LAST_CLICK and FIRST_CLICK credit a
 * single touch and are resolved by the caller; here they give everything to the last or first.
 */
public final class CreditModel {

  /** Parts per million of a whole order. */
  public static final int WHOLE_PPM = 1_000_000;

  /** TIME_DECAY halves a touch's weight for every 7 days between the touch and the order. */
  public static final long HALF_LIFE_MILLIS = 7L * 24 * 60 * 60 * 1000;

  // Decay weights are scaled to integers before the exact split; 2^-n below this scale rounds to 0,
  // and a weight of 0 would drop an influencer, so every weight is at least 1.
  private static final double DECAY_SCALE = 1e12;

  private CreditModel() {}

  /**
   * Shares for touches (times in epoch millis, oldest first) of an order at {@code orderMillis}.
   */
  public static int[] shares(AttributionModel model, List<Long> touchTimes, long orderMillis) {
    int count = touchTimes.size();
    if (count == 0) {
      throw new IllegalArgumentException("no touches to credit");
    }
    long[] weights = new long[count];
    switch (model) {
      case LAST_CLICK -> weights[count - 1] = 1;
      case FIRST_CLICK -> weights[0] = 1;
      case LINEAR -> java.util.Arrays.fill(weights, 1);
      case TIME_DECAY -> {
        for (int i = 0; i < count; i++) {
          long age = Math.max(0, orderMillis - touchTimes.get(i));
          double weight = Math.pow(2, -(double) age / HALF_LIFE_MILLIS);
          weights[i] = Math.max(1L, Math.round(weight * DECAY_SCALE));
        }
      }
      case POSITION_BASED -> positionBased(weights);
    }
    long[] parts = Apportion.split(WHOLE_PPM, weights);
    int[] shares = new int[count];
    for (int i = 0; i < count; i++) {
      shares[i] = (int) parts[i];
    }
    return shares;
  }

  // 40% first, 40% last, 20% spread over the middle; one touch 100%, two touches 50/50.
  private static void positionBased(long[] weights) {
    int count = weights.length;
    if (count <= 2) {
      java.util.Arrays.fill(weights, 1);
      return;
    }
    long middle = count - 2;
    java.util.Arrays.fill(weights, 1);
    weights[0] = 2 * middle;
    weights[count - 1] = 2 * middle;
  }
}
