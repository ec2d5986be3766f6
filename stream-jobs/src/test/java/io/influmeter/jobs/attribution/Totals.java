package io.influmeter.jobs.attribution;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.AttributionMethod;
import io.influmeter.events.InfluencerCredit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a brand is billed and an influencer paid, in exact minor units: revenue and commission per
 * influencer, net revenue and commission per campaign, and the unattributed order count.
 */
record Totals(
    Map<String, Long> revenueByInfluencer,
    Map<String, Long> commissionByInfluencer,
    Map<String, Long> netByCampaign,
    Map<String, Long> commissionByCampaign,
    long orders,
    long unattributedOrders) {

  /** Totals of the final state of each order (the highest revision per store + order). */
  static Totals ofFinalStates(Collection<AttributedConversion> states, String seedPrefix) {
    Map<String, AttributedConversion> latest = new HashMap<>();
    for (AttributedConversion state : states) {
      if (!state.getStoreId().startsWith(seedPrefix)) {
        continue;
      }
      latest.merge(
          state.getStoreId() + ":" + state.getOrderId(),
          state,
          (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
    }
    return sum(latest.values(), true);
  }

  /**
   * Totals of final states ({@code finalStates}, one per order) or of ledger deltas (which sum to
   * the final states; the revision-1 delta counts the order).
   */
  static Totals sum(Collection<AttributedConversion> records, boolean finalStates) {
    Builder totals = new Builder();
    for (AttributedConversion record : records) {
      totals.order(
          record.getMethod() == AttributionMethod.UNATTRIBUTED,
          finalStates || record.getRevision() == 1);
      for (InfluencerCredit credit : record.getCredits()) {
        totals.influencer(
            credit.getInfluencerId(), credit.getRevenueMinor(), credit.getCommissionMinor());
      }
      if (record.getCampaignId() != null) {
        totals.campaign(
            record.getCampaignId(), record.getNetAmountMinor(), record.getCommissionMinor());
      }
    }
    return totals.build();
  }

  /** Accumulates totals. */
  static final class Builder {
    private final Map<String, Long> revenueByInfluencer = new TreeMap<>();
    private final Map<String, Long> commissionByInfluencer = new TreeMap<>();
    private final Map<String, Long> netByCampaign = new TreeMap<>();
    private final Map<String, Long> commissionByCampaign = new TreeMap<>();
    private long orders;
    private long unattributed;

    void order(boolean unattributedOrder, boolean count) {
      if (count) {
        orders++;
        if (unattributedOrder) {
          unattributed++;
        }
      }
    }

    void influencer(String influencer, long revenue, long commission) {
      revenueByInfluencer.merge(influencer, revenue, Long::sum);
      commissionByInfluencer.merge(influencer, commission, Long::sum);
    }

    void campaign(String campaign, long net, long commission) {
      netByCampaign.merge(campaign, net, Long::sum);
      commissionByCampaign.merge(campaign, commission, Long::sum);
    }

    Totals build() {
      return new Totals(
          Map.copyOf(revenueByInfluencer),
          Map.copyOf(commissionByInfluencer),
          Map.copyOf(netByCampaign),
          Map.copyOf(commissionByCampaign),
          orders,
          unattributed);
    }
  }
}
