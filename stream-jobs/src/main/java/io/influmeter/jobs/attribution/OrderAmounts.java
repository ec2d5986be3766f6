package io.influmeter.jobs.attribution;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.InfluencerCredit;
import io.influmeter.events.ReferralLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link AttributedConversion} state of an order and its ledger deltas. Pure: the same
 * events give the same records (so replays after a restore upsert identical rows).
 */
public final class OrderAmounts {

  private OrderAmounts() {}

  /** The first state of an order (revision 1), before any refund. */
  public static AttributedConversion initial(ConversionEvent order, AttributionRules.Decision d) {
    List<InfluencerCredit> credits = new ArrayList<>();
    for (AttributionRules.Credit credit : d.credits()) {
      credits.add(
          InfluencerCredit.newBuilder()
              .setInfluencerId(credit.influencerId())
              .setLinkId(credit.linkId())
              .setSharePpm(credit.sharePpm())
              .setRevenueMinor(0)
              .setCommissionMinor(0)
              .build());
    }
    AttributedConversion state =
        AttributedConversion.newBuilder()
            .setStoreId(order.getStoreId())
            .setOrderId(order.getOrderId())
            .setBrandId(order.getBrandId())
            .setCampaignId(d.link() == null ? null : d.link().getCampaignId())
            .setMethod(d.method())
            .setAttributionModel(d.model())
            .setClickId(d.clickId())
            .setPromoCode(d.promoCode())
            .setCurrency(order.getCurrency())
            .setOrderAmountMinor(order.getAmountMinor())
            .setRefundedAmountMinor(0)
            .setNetAmountMinor(0)
            .setCommissionMinor(0)
            .setCancelled(false)
            .setCredits(credits)
            .setBillable(d.billable())
            .setOrderTime(order.getEventTime())
            .setUpdatedAt(order.getEventTime())
            .setRevision(1)
            .build();
    return recompute(state, d.link());
  }

  /**
   * The state after a REFUND (adds to the refunded amount) or CANCEL, with the next revision.
   * Amounts, commission and credit parts are recomputed from the totals, never adjusted
   * incrementally, so rounding never drifts.
   */
  public static AttributedConversion apply(
      AttributedConversion current, ConversionEvent adjustment, ReferralLink link) {
    AttributedConversion next = AttributedConversion.newBuilder(current).build();
    switch (adjustment.getKind()) {
      case REFUND ->
          next.setRefundedAmountMinor(
              current.getRefundedAmountMinor() + Math.max(0, adjustment.getAmountMinor()));
      case CANCEL -> next.setCancelled(true);
      case ORDER -> throw new IllegalArgumentException("an ORDER is not an adjustment");
    }
    next.setRevision(current.getRevision() + 1);
    Instant at = adjustment.getEventTime();
    next.setUpdatedAt(at.isAfter(current.getUpdatedAt()) ? at : current.getUpdatedAt());
    return recompute(next, link);
  }

  private static AttributedConversion recompute(AttributedConversion state, ReferralLink link) {
    long net =
        Commission.net(
            state.getOrderAmountMinor(), state.getRefundedAmountMinor(), state.getCancelled());
    long commission =
        state.getBillable() && !state.getCredits().isEmpty()
            ? Commission.of(
                link, state.getCurrency(), state.getOrderAmountMinor(), net, state.getCancelled())
            : 0;
    state.setNetAmountMinor(net);
    state.setCommissionMinor(commission);
    List<InfluencerCredit> credits = state.getCredits();
    if (credits.isEmpty()) {
      return state;
    }
    int[] shares = credits.stream().mapToInt(InfluencerCredit::getSharePpm).toArray();
    long[] revenue = Apportion.split(net, shares);
    long[] commissions = Apportion.split(commission, shares);
    List<InfluencerCredit> updated = new ArrayList<>();
    for (int i = 0; i < credits.size(); i++) {
      InfluencerCredit credit = InfluencerCredit.newBuilder(credits.get(i)).build();
      credit.setRevenueMinor(revenue[i]);
      credit.setCommissionMinor(commissions[i]);
      updated.add(credit);
    }
    state.setCredits(updated);
    return state;
  }

  /**
   * The ledger entry of a change: every amount is {@code next - previous} (previous null = the
   * first state), so the ledger of an order sums to its current state.
   */
  public static AttributedConversion delta(
      AttributedConversion previous, AttributedConversion next) {
    AttributedConversion delta = AttributedConversion.newBuilder(next).build();
    if (previous == null) {
      return delta;
    }
    delta.setOrderAmountMinor(next.getOrderAmountMinor() - previous.getOrderAmountMinor());
    delta.setRefundedAmountMinor(next.getRefundedAmountMinor() - previous.getRefundedAmountMinor());
    delta.setNetAmountMinor(next.getNetAmountMinor() - previous.getNetAmountMinor());
    delta.setCommissionMinor(next.getCommissionMinor() - previous.getCommissionMinor());
    List<InfluencerCredit> credits = new ArrayList<>();
    for (int i = 0; i < next.getCredits().size(); i++) {
      InfluencerCredit now = next.getCredits().get(i);
      InfluencerCredit before = previous.getCredits().get(i);
      credits.add(
          InfluencerCredit.newBuilder(now)
              .setRevenueMinor(now.getRevenueMinor() - before.getRevenueMinor())
              .setCommissionMinor(now.getCommissionMinor() - before.getCommissionMinor())
              .build());
    }
    delta.setCredits(credits);
    return delta;
  }
}
