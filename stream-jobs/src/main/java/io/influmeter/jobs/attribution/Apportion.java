package io.influmeter.jobs.attribution;

import java.math.BigInteger;

/**
 * Splits a whole number exactly in proportion to weights (largest remainder method): every part is
 * the floor of its exact share, and the units left over go to the largest fractional remainders,
 * ties to the lower index. The parts always sum to the whole; no floating point is involved.
 */
public final class Apportion {

  private Apportion() {}

  /**
   * Parts of {@code total} (>= 0) proportional to {@code weights} (each >= 0, not all zero).
   *
   * @throws IllegalArgumentException for a negative total or weight, or all-zero weights
   */
  public static long[] split(long total, long[] weights) {
    if (total < 0) {
      throw new IllegalArgumentException("total must not be negative: " + total);
    }
    BigInteger sum = BigInteger.ZERO;
    for (long weight : weights) {
      if (weight < 0) {
        throw new IllegalArgumentException("weights must not be negative");
      }
      sum = sum.add(BigInteger.valueOf(weight));
    }
    if (sum.signum() == 0) {
      throw new IllegalArgumentException("weights must not all be zero");
    }
    long[] parts = new long[weights.length];
    BigInteger[] remainders = new BigInteger[weights.length];
    long assigned = 0;
    BigInteger whole = BigInteger.valueOf(total);
    for (int i = 0; i < weights.length; i++) {
      BigInteger[] division =
          whole.multiply(BigInteger.valueOf(weights[i])).divideAndRemainder(sum);
      parts[i] = division[0].longValueExact();
      remainders[i] = division[1];
      assigned += parts[i];
    }
    long left = total - assigned;
    // left < weights.length: hand one unit each to the largest remainders, lower index first on
    // ties.
    for (long unit = 0; unit < left; unit++) {
      int best = -1;
      for (int i = 0; i < weights.length; i++) {
        if (remainders[i] == null) {
          continue;
        }
        if (best < 0 || remainders[i].compareTo(remainders[best]) > 0) {
          best = i;
        }
      }
      parts[best]++;
      remainders[best] = null;
    }
    return parts;
  }

  /** Like {@link #split(long, long[])} with int weights (e.g. shares in ppm). */
  public static long[] split(long total, int[] weights) {
    long[] wide = new long[weights.length];
    for (int i = 0; i < weights.length; i++) {
      wide[i] = weights[i];
    }
    return split(total, wide);
  }
}
