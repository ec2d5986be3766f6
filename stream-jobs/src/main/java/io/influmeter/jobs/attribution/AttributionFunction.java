package io.influmeter.jobs.attribution;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ConversionKind;
import io.influmeter.events.ReferralLink;
import io.influmeter.jobs.common.DeadLetterEncoder;
import io.influmeter.schemas.ClickIdKeys;
import io.influmeter.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Attributes each order once, prices it, and applies its refunds and cancellation.
 *
 * <p>Key: {@code storeId:orderId}. Input: every conversion event (orders with what the click stages
 * found). Broadcast input: referral links (by id, and by brand + upper-cased promo code).
 *
 * <p>State and when it is cleared:
 *
 * <ul>
 *   <li>{@code pending-order}: an ORDER waits until the watermark passes its time, so the links as
 *       of that time are loaded (at most {@code maxOrderHold} of processing time: the watermark
 *       stops when every input is quiet); cleared when it is attributed.
 *   <li>{@code order}: the current {@link AttributedConversion} and the pricing link; cleared with
 *       everything else when the watermark passes order time + order retention. Later events for
 *       the order are rejected to the dead-letter topic.
 *   <li>{@code pending-adjustments}: refunds and cancellations that arrived before their order (by
 *       event id); applied when the order is attributed, or rejected as orphans when the watermark
 *       passes their time + the adjustment TTL.
 *   <li>{@code applied-adjustments}: event ids already applied, so redelivered refunds count once;
 *       cleared with the order.
 * </ul>
 *
 * <p>Main output: the order's current state after every change (revision + 1). Side outputs: the
 * change as a delta ({@link AttributionState#LEDGER}) and rejected events ({@link
 * AttributionState#REJECTED}). Duplicated orders (same store + order) produce nothing. Never throws
 * on data.
 */
public class AttributionFunction
    extends KeyedBroadcastProcessFunction<
        String, ConversionInput, ReferralLink, AttributedConversion> {

  private static final long serialVersionUID = 1L;
  static final String STAGE = "attribution";

  private final String clickIdSecrets;
  private final long orderRetentionMillis;
  private final long adjustmentTtlMillis;
  private final long maxOrderHoldMillis;
  private final DeadLetterEncoder<ConversionEvent> rejections;

  private transient ClickIdKeys keys;
  private transient ValueState<ConversionInput> pendingOrder;
  private transient ValueState<OrderState> order;
  private transient MapState<String, ConversionEvent> pendingAdjustments;
  private transient MapState<String, Boolean> appliedAdjustments;
  private transient Counter duplicates;
  private transient Counter rejected;
  private transient Counter unattributed;
  private transient Counter releasedByHold;

  /**
   * @param clickIdSecrets {@code ClickIdKeys} configuration ({@code id:base64[,...]}); parsed in
   *     {@code open}
   * @param orderRetention how long after its time an order's state is kept for refunds
   * @param adjustmentTtl how long a refund or cancel waits for its order
   * @param maxOrderHold the longest processing-time wait of an order for the watermark (see {@link
   *     VisitorJourneyFunction})
   * @param rejections encodes rejected conversions for the dead-letter topic
   */
  public AttributionFunction(
      String clickIdSecrets,
      Duration orderRetention,
      Duration adjustmentTtl,
      Duration maxOrderHold,
      DeadLetterEncoder<ConversionEvent> rejections) {
    this.clickIdSecrets = clickIdSecrets;
    this.orderRetentionMillis = orderRetention.toMillis();
    this.adjustmentTtlMillis = adjustmentTtl.toMillis();
    this.maxOrderHoldMillis = maxOrderHold.toMillis();
    this.rejections = rejections;
  }

  @Override
  public void open(OpenContext openContext) {
    keys = ClickIdKeys.parse(clickIdSecrets);
    pendingOrder = getRuntimeContext().getState(AttributionState.PENDING_ORDER);
    order = getRuntimeContext().getState(AttributionState.ORDER);
    pendingAdjustments = getRuntimeContext().getMapState(AttributionState.PENDING_ADJUSTMENTS);
    appliedAdjustments = getRuntimeContext().getMapState(AttributionState.APPLIED_ADJUSTMENTS);
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateOrders");
    rejected = getRuntimeContext().getMetricGroup().counter("rejectedConversions");
    unattributed = getRuntimeContext().getMetricGroup().counter("unattributedOrders");
    releasedByHold = getRuntimeContext().getMetricGroup().counter("ordersReleasedByHold");
  }

  @Override
  public void processBroadcastElement(
      ReferralLink link, Context context, Collector<AttributedConversion> out) throws Exception {
    BroadcastState<String, ReferralLink> byId =
        context.getBroadcastState(AttributionState.LINKS_BY_ID);
    BroadcastState<String, String> byCode =
        context.getBroadcastState(AttributionState.LINK_IDS_BY_PROMO_CODE);
    ReferralLink previous = byId.get(link.getLinkId());
    if (previous != null && previous.getPromoCode() != null) {
      String oldKey = LinkDirectory.promoKey(previous.getBrandId(), previous.getPromoCode());
      if (link.getLinkId().equals(byCode.get(oldKey))) {
        byCode.remove(oldKey);
      }
    }
    byId.put(link.getLinkId(), link);
    if (link.getPromoCode() != null && !link.getPromoCode().isBlank()) {
      byCode.put(LinkDirectory.promoKey(link.getBrandId(), link.getPromoCode()), link.getLinkId());
    }
  }

  @Override
  public void processElement(
      ConversionInput input, ReadOnlyContext context, Collector<AttributedConversion> out)
      throws Exception {
    ConversionEvent event = input.event;
    long eventMillis = event.getEventTime().toEpochMilli();
    if (event.getKind() == ConversionKind.ORDER) {
      if (order.value() != null || pendingOrder.value() != null) {
        duplicates.inc();
        return;
      }
      if (eventMillis + orderRetentionMillis <= context.timerService().currentWatermark()) {
        reject(context, event, "order older than the order retention of the attribution job");
        return;
      }
      pendingOrder.update(input);
      context.timerService().registerEventTimeTimer(eventMillis);
      context
          .timerService()
          .registerProcessingTimeTimer(
              HoldDeadline.of(context.timerService().currentProcessingTime(), maxOrderHoldMillis));
      return;
    }
    if (appliedAdjustments.contains(event.getEventId())
        || pendingAdjustments.contains(event.getEventId())) {
      return; // a redelivered refund or cancel
    }
    OrderState state = order.value();
    if (state == null) {
      pendingAdjustments.put(event.getEventId(), event);
      context.timerService().registerEventTimeTimer(eventMillis + adjustmentTtlMillis);
      return;
    }
    applyAdjustment(state, event, context, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<AttributedConversion> out)
      throws Exception {
    ConversionInput waiting = pendingOrder.value();
    if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
      // Held too long for the watermark (every input quiet): attribute with the links known now.
      if (waiting != null) {
        releasedByHold.inc();
        attribute(waiting, context, out);
      }
      return;
    }
    if (waiting != null && waiting.event.getEventTime().toEpochMilli() <= timestamp) {
      attribute(waiting, context, out);
    }
    if (order.value() == null) {
      expireOrphans(timestamp, context);
      return;
    }
    long orderMillis = order.value().current.getOrderTime().toEpochMilli();
    if (orderMillis + orderRetentionMillis <= timestamp) {
      order.clear();
      appliedAdjustments.clear();
    }
  }

  private void attribute(
      ConversionInput input, ReadOnlyContext context, Collector<AttributedConversion> out)
      throws Exception {
    pendingOrder.clear();
    AttributionRules.Decision decision =
        AttributionRules.decide(input, new BroadcastLinks(context), keys);
    if (decision.link() == null) {
      unattributed.inc();
    }
    AttributedConversion first = OrderAmounts.initial(input.event, decision);
    OrderState state = new OrderState(first, decision.link());
    order.update(state);
    emit(null, first, context, out);
    context
        .timerService()
        .registerEventTimeTimer(input.event.getEventTime().toEpochMilli() + orderRetentionMillis);
    List<ConversionEvent> early = new ArrayList<>();
    for (ConversionEvent adjustment : pendingAdjustments.values()) {
      early.add(adjustment);
    }
    early.sort(
        Comparator.<ConversionEvent, Instant>comparing(ConversionEvent::getEventTime)
            .thenComparing(ConversionEvent::getEventId));
    pendingAdjustments.clear();
    for (ConversionEvent adjustment : early) {
      context
          .timerService()
          .deleteEventTimeTimer(adjustment.getEventTime().toEpochMilli() + adjustmentTtlMillis);
      applyAdjustment(order.value(), adjustment, context, out);
    }
  }

  private void applyAdjustment(
      OrderState state,
      ConversionEvent adjustment,
      ReadOnlyContext context,
      Collector<AttributedConversion> out)
      throws Exception {
    if (!adjustment.getCurrency().equals(state.current.getCurrency())) {
      reject(
          context, adjustment, "currency differs from the order's " + state.current.getCurrency());
      return;
    }
    appliedAdjustments.put(adjustment.getEventId(), Boolean.TRUE);
    AttributedConversion next = OrderAmounts.apply(state.current, adjustment, state.link);
    emit(state.current, next, context, out);
    order.update(new OrderState(next, state.link));
  }

  private void expireOrphans(long timestamp, OnTimerContext context) throws Exception {
    List<String> expired = new ArrayList<>();
    for (Map.Entry<String, ConversionEvent> entry : pendingAdjustments.entries()) {
      if (entry.getValue().getEventTime().toEpochMilli() + adjustmentTtlMillis <= timestamp) {
        expired.add(entry.getKey());
      }
    }
    for (String eventId : expired) {
      ConversionEvent orphan = pendingAdjustments.get(eventId);
      pendingAdjustments.remove(eventId);
      reject(
          context,
          orphan,
          orphan.getKind()
              + " for an order the job has not seen (or no longer keeps) within "
              + Duration.ofMillis(adjustmentTtlMillis));
    }
  }

  private void emit(
      AttributedConversion previous,
      AttributedConversion next,
      ReadOnlyContext context,
      Collector<AttributedConversion> out) {
    out.collect(next);
    context.output(AttributionState.LEDGER, OrderAmounts.delta(previous, next));
  }

  private void reject(ReadOnlyContext context, ConversionEvent event, String reason) {
    rejected.inc();
    context.output(
        AttributionState.REJECTED,
        rejections.reject(
            event,
            Topics.keyOf(event),
            STAGE,
            reason,
            Instant.ofEpochMilli(Math.max(0, context.timerService().currentWatermark()))));
  }

  /** The broadcast link state as a {@link LinkDirectory}. */
  private static final class BroadcastLinks implements LinkDirectory {
    private final ReadOnlyBroadcastState<String, ReferralLink> byId;
    private final ReadOnlyBroadcastState<String, String> byCode;

    BroadcastLinks(ReadOnlyContext context) {
      this.byId = context.getBroadcastState(AttributionState.LINKS_BY_ID);
      this.byCode = context.getBroadcastState(AttributionState.LINK_IDS_BY_PROMO_CODE);
    }

    @Override
    public ReferralLink byId(String linkId) throws Exception {
      return byId.get(linkId);
    }

    @Override
    public ReferralLink byPromoCode(String brandId, String code) throws Exception {
      String linkId = byCode.get(LinkDirectory.promoKey(brandId, code));
      return linkId == null ? null : byId.get(linkId);
    }
  }
}
