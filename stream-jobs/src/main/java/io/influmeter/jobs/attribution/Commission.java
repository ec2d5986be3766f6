package io.influmeter.jobs.attribution;

import io.influmeter.events.CommissionType;
import io.influmeter.events.ReferralLink;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Commission in exact minor units. PERCENTAGE: basis points of the net amount. FIXED: the fixed
 * amount, reduced pro rata by partial refunds. Halves round up ({@link RoundingMode#HALF_UP}); a
 * cancelled order earns nothing.
 */
public final class Commission {

  private static final BigDecimal BASIS_POINTS = BigDecimal.valueOf(10_000);

  private Commission() {}

  /** Net amount: the order minus refunds, never below zero; zero once cancelled. */
  public static long net(long orderMinor, long refundedMinor, boolean cancelled) {
    return cancelled ? 0 : Math.max(0, orderMinor - refundedMinor);
  }

  /**
   * Commission owed on an order under {@code link}'s campaign rule; 0 for a FIXED rule in another
   * currency than the order's (one record carries one currency; such campaigns are misconfigured).
   */
  public static long of(
      ReferralLink link, String orderCurrency, long orderMinor, long netMinor, boolean cancelled) {
    if (cancelled || link == null) {
      return 0;
    }
    if (link.getCommissionType() == CommissionType.FIXED
        && !link.getCommissionCurrency().equals(orderCurrency)) {
      return 0;
    }
    CommissionType type = link.getCommissionType();
    return switch (type) {
      case PERCENTAGE ->
          BigDecimal.valueOf(netMinor)
              .multiply(BigDecimal.valueOf(link.getCommissionPercentBps()))
              .divide(BASIS_POINTS, 0, RoundingMode.HALF_UP)
              .longValueExact();
      case FIXED -> {
        long fixed = link.getCommissionFixedMinor();
        if (orderMinor <= 0 || netMinor >= orderMinor) {
          yield fixed;
        }
        yield BigDecimal.valueOf(fixed)
            .multiply(BigDecimal.valueOf(netMinor))
            .divide(BigDecimal.valueOf(orderMinor), 0, RoundingMode.HALF_UP)
            .longValueExact();
      }
    };
  }
}
