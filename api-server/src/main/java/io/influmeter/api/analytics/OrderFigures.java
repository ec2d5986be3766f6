package io.influmeter.api.analytics;

import java.time.LocalDateTime;

/**
 * Sums over attributed orders (minor units of one currency): conversions are billable orders not
 * cancelled; revenue is their order amount, refunds what was refunded of them, net = revenue -
 * refunds; refunded orders count orders with a refund or a cancellation (a cancelled order counts 0
 * revenue).
 */
record OrderFigures(
    long conversions,
    long revenueMinor,
    long refundsMinor,
    long refundedOrders,
    long netRevenueMinor,
    long commissionMinor,
    LocalDateTime newest) {

  static final OrderFigures ZERO = new OrderFigures(0, 0, 0, 0, 0, 0, null);

  OrderFigures plus(OrderFigures o) {
    return new OrderFigures(
        Math.addExact(conversions, o.conversions),
        Math.addExact(revenueMinor, o.revenueMinor),
        Math.addExact(refundsMinor, o.refundsMinor),
        Math.addExact(refundedOrders, o.refundedOrders),
        Math.addExact(netRevenueMinor, o.netRevenueMinor),
        Math.addExact(commissionMinor, o.commissionMinor),
        Newest.of(newest, o.newest));
  }
}
