package io.influmeter.jobs.engagement;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.InfluencerCredit;
import io.influmeter.schemas.serde.TrustedEventClasses;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns the successive states of an attributed order (the {@code attributions} topic carries the
 * whole current state, compacted) into per-influencer changes: the first state of an order adds one
 * conversion and its credited revenue and commission at the order time; each later revision adds
 * the difference of each influencer's credit (negative for refunds and cancellations) and one
 * refund, at the revision's {@code updated_at}.
 *
 * <p><b>Key:</b> {@code storeId:orderId}. <b>State:</b> the last applied {@link
 * AttributedConversion} ({@link EngagementState#LAST_ATTRIBUTION}). Revisions not newer than it are
 * replays or duplicates and are ignored (counted). <b>Cleared:</b> by an event-time timer {@code
 * retention} after the last revision's {@code updated_at}; a revision arriving after that is
 * treated as a new order, so the retention must exceed the longest refund delay (default 35 days,
 * the conversions topic keeps 30).
 */
public class AttributionDeltaFunction
    extends KeyedProcessFunction<String, AttributedConversion, EngagementContribution> {

  private final long retentionMillis;

  private transient ValueState<AttributedConversion> last;
  private transient Counter staleRevisions;

  public AttributionDeltaFunction(Duration retention) {
    this.retentionMillis = retention.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    TrustedEventClasses.install();
    last = getRuntimeContext().getState(EngagementState.LAST_ATTRIBUTION);
    staleRevisions = getRuntimeContext().getMetricGroup().counter("staleAttributionRevisions");
  }

  @Override
  public void processElement(
      AttributedConversion current, Context context, Collector<EngagementContribution> out)
      throws Exception {
    AttributedConversion previous = last.value();
    if (previous != null && current.getRevision() <= previous.getRevision()) {
      staleRevisions.inc();
      return;
    }
    if (current.getCampaignId() != null) {
      emitChanges(previous, current, out);
    }
    if (previous != null) {
      context.timerService().deleteEventTimeTimer(cleanupTime(previous));
    }
    last.update(current);
    context.timerService().registerEventTimeTimer(cleanupTime(current));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<EngagementContribution> out)
      throws Exception {
    AttributedConversion previous = last.value();
    if (previous != null && cleanupTime(previous) <= timestamp) {
      last.clear();
    }
  }

  private long cleanupTime(AttributedConversion attribution) {
    return attribution.getUpdatedAt().toEpochMilli() + retentionMillis;
  }

  private static void emitChanges(
      AttributedConversion previous,
      AttributedConversion current,
      Collector<EngagementContribution> out) {
    boolean first = previous == null || previous.getCampaignId() == null;
    long eventTime =
        first ? current.getOrderTime().toEpochMilli() : current.getUpdatedAt().toEpochMilli();
    boolean reversed =
        !first
            && (current.getRefundedAmountMinor() > previous.getRefundedAmountMinor()
                || (current.getCancelled() && !previous.getCancelled()));
    Map<String, InfluencerCredit> before = first ? Map.of() : byInfluencer(previous.getCredits());
    Map<String, InfluencerCredit> after = byInfluencer(current.getCredits());
    Map<String, Boolean> influencers = new LinkedHashMap<>();
    after.keySet().forEach(id -> influencers.put(id, Boolean.TRUE));
    before.keySet().forEach(id -> influencers.put(id, Boolean.TRUE));
    for (String influencerId : influencers.keySet()) {
      InfluencerCredit old = before.get(influencerId);
      InfluencerCredit now = after.get(influencerId);
      EngagementContribution change =
          EngagementContribution.of(current.getCampaignId(), influencerId, eventTime);
      change.conversions = (now != null ? 1 : 0) - (old != null ? 1 : 0);
      change.refunds = reversed && old != null ? 1 : 0;
      change.revenueMinor = revenue(now) - revenue(old);
      change.commissionMinor = commission(now) - commission(old);
      change.currency = current.getCurrency();
      if (change.conversions == 0
          && change.refunds == 0
          && change.revenueMinor == 0
          && change.commissionMinor == 0) {
        continue;
      }
      out.collect(change);
      out.collect(change.forCampaign(EngagementWindowFunction.ALL_CAMPAIGNS));
    }
  }

  private static Map<String, InfluencerCredit> byInfluencer(List<InfluencerCredit> credits) {
    Map<String, InfluencerCredit> byInfluencer = new LinkedHashMap<>();
    for (InfluencerCredit credit : credits) {
      InfluencerCredit existing = byInfluencer.get(credit.getInfluencerId());
      if (existing == null) {
        byInfluencer.put(credit.getInfluencerId(), credit);
        continue;
      }
      // Two links of one influencer in one order: one credit with the sums.
      byInfluencer.put(
          credit.getInfluencerId(),
          InfluencerCredit.newBuilder(existing)
              .setSharePpm(existing.getSharePpm() + credit.getSharePpm())
              .setRevenueMinor(existing.getRevenueMinor() + credit.getRevenueMinor())
              .setCommissionMinor(existing.getCommissionMinor() + credit.getCommissionMinor())
              .build());
    }
    return byInfluencer;
  }

  private static long revenue(InfluencerCredit credit) {
    return credit == null ? 0 : credit.getRevenueMinor();
  }

  private static long commission(InfluencerCredit credit) {
    return credit == null ? 0 : credit.getCommissionMinor();
  }
}
