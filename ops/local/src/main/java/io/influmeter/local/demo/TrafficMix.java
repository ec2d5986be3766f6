package io.influmeter.local.demo;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The demo traffic's proportions, drawn from one random source: which link a click follows (the
 * first influencers draw most of it), how many clicks are bots, returning visitors, conversions (by
 * click id, or by promo code only), order sizes and refunds.
 */
public final class TrafficMix {

  /** Share of clicks from bots and link previews. */
  static final double BOT_SHARE = 0.12;

  /** Share of human clicks from a visitor who clicked before (same cookie). */
  static final double RETURNING_SHARE = 0.3;

  /** Share of human clicks that become an order. */
  static final double CONVERSION_RATE = 0.06;

  /** Share of orders that carry only a promo code (the shopper came without the link). */
  static final double PROMO_ONLY_SHARE = 0.2;

  /** Share of orders refunded later. */
  static final double REFUND_SHARE = 0.08;

  static final long MIN_ORDER_MINOR = 1_500_00;
  static final long MAX_ORDER_MINOR = 25_000_00;

  private final RandomGenerator random;

  public TrafficMix(RandomGenerator random) {
    this.random = random;
  }

  /** A link, the i-th of n weighted n - i: the first influencer draws most clicks. */
  public <T> T link(List<T> links) {
    int n = links.size();
    int ticket = random.nextInt(n * (n + 1) / 2);
    for (int i = 0; i < n; i++) {
      ticket -= n - i;
      if (ticket < 0) {
        return links.get(i);
      }
    }
    throw new IllegalStateException("unreachable");
  }

  public boolean bot() {
    return random.nextDouble() < BOT_SHARE;
  }

  public boolean returning() {
    return random.nextDouble() < RETURNING_SHARE;
  }

  public boolean converts() {
    return random.nextDouble() < CONVERSION_RATE;
  }

  public boolean promoOnly() {
    return random.nextDouble() < PROMO_ONLY_SHARE;
  }

  public boolean refunded() {
    return random.nextDouble() < REFUND_SHARE;
  }

  /** An order total in minor units, whole multiples of 50 (prices end in .00 or .50). */
  public long orderMinor() {
    long steps = (MAX_ORDER_MINOR - MIN_ORDER_MINOR) / 50;
    return MIN_ORDER_MINOR + 50 * random.nextLong(steps + 1);
  }

  /** How much of an order is refunded: all of it half the time, else a part (whole units). */
  public long refundMinor(long orderMinor) {
    if (random.nextBoolean() || orderMinor < 200) {
      return orderMinor;
    }
    return 100 * (1 + random.nextLong(orderMinor / 100 - 1));
  }

  public String userAgent(boolean bot) {
    return bot ? ShopperAgents.bot(random) : ShopperAgents.human(random);
  }

  /** An index below {@code size} (for picking earlier clicks, orders and visitors). */
  public int index(int size) {
    return random.nextInt(size);
  }
}
