package io.influmeter.jobs.attribution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Gives an order the visitor's journey: every click of that visitor within the longest lookback
 * before the order, for the multi-touch models.
 *
 * <p>Key: the visitor's tag ({@code ClickId.visitorTag} of {@code visitor_id}). Input 1: clicks of
 * visitors; input 2: orders whose click id names the visitor. State: the visitor's clicks ({@code
 * visitor-touches}, by click id), a small record of when they expire, when the oldest was made and
 * which cleanup timer is set ({@code visitor-journey-times}: one state access per click instead of
 * three), and orders waiting for the watermark ({@code orders-awaiting-journey}). The clicks are
 * scanned for expired ones only once the oldest is older than the longest lookback. An order waits
 * until the watermark passes its time, so clicks arriving out of order (but not late) are on its
 * journey. Cleared: waiting orders when their timer fires; clicks older than the longest lookback
 * whenever a click is added; everything once the watermark passes the newest click + the longest
 * lookback.
 *
 * <p>An order also waits at most {@code maxOrderHold} of processing time: when every input has gone
 * quiet the watermark stops, and the last orders before a quiet hour must not wait for the next
 * click. Then it leaves with the clicks that have arrived (counted in {@code
 * ordersReleasedByHold}). While traffic flows the watermark comes first and results are
 * deterministic.
 *
 * <p>The cleanup timer is lazy: a newer click moves the expiry in state but leaves the timer; when
 * it fires early, it is set again at the expiry then current. One timer per visitor and lookback
 * period instead of a delete and a register per click (each a heap sift or a RocksDB write).
 */
public class VisitorJourneyFunction
    extends KeyedCoProcessFunction<Long, ClickTouch, ConversionInput, ConversionInput> {

  private static final long serialVersionUID = 1L;

  // Indexes into the visitor-journey-times array.
  static final int CLEANUP_AT = 0;
  static final int OLDEST_TOUCH = 1;
  static final int TIMER_AT = 2;

  private final long maxLookbackMillis;
  private final long maxOrderHoldMillis;
  private transient MapState<String, ClickTouch> touches;
  private transient ValueState<long[]> times;
  private transient ListState<ConversionInput> waiting;
  private transient Counter releasedByHold;

  /**
   * @param maxLookback the longest campaign lookback: how long clicks are kept
   * @param maxOrderHold the longest processing-time wait of an order for the watermark
   */
  public VisitorJourneyFunction(Duration maxLookback, Duration maxOrderHold) {
    this.maxLookbackMillis = maxLookback.toMillis();
    this.maxOrderHoldMillis = maxOrderHold.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    touches = getRuntimeContext().getMapState(AttributionState.VISITOR_TOUCHES);
    times = getRuntimeContext().getState(AttributionState.VISITOR_JOURNEY_TIMES);
    waiting = getRuntimeContext().getListState(AttributionState.ORDERS_AWAITING_JOURNEY);
    releasedByHold = getRuntimeContext().getMetricGroup().counter("ordersReleasedByHold");
  }

  @Override
  public void processElement1(ClickTouch touch, Context context, Collector<ConversionInput> out)
      throws Exception {
    // Kept without the click id, which is already the map key.
    touches.put(touch.clickId, touch.withoutClickId());
    long[] current = times.value();
    long expiry = touch.timeMillis + maxLookbackMillis;
    if (current == null) {
      // The visitor's first kept click.
      context.timerService().registerEventTimeTimer(expiry);
      times.update(new long[] {expiry, touch.timeMillis, expiry});
      return;
    }
    long[] next = current.clone();
    long horizon = touch.timeMillis - maxLookbackMillis;
    if (next[OLDEST_TOUCH] < horizon) {
      // Only now can a click have expired: one scan, instead of one per click (an iterator over
      // the backend: costly on RocksDB).
      next[OLDEST_TOUCH] = removeExpired(horizon);
    } else if (touch.timeMillis < next[OLDEST_TOUCH]) {
      next[OLDEST_TOUCH] = touch.timeMillis;
    }
    next[CLEANUP_AT] = Math.max(next[CLEANUP_AT], expiry);
    if (!Arrays.equals(next, current)) {
      times.update(next);
    }
  }

  @Override
  public void processElement2(
      ConversionInput order, Context context, Collector<ConversionInput> out) throws Exception {
    waiting.add(order);
    context.timerService().registerEventTimeTimer(orderTime(order));
    context
        .timerService()
        .registerProcessingTimeTimer(
            HoldDeadline.of(context.timerService().currentProcessingTime(), maxOrderHoldMillis));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<ConversionInput> out)
      throws Exception {
    if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
      // Held too long: the watermark has stopped (or lags far behind). Whatever waits leaves now.
      releasedByHold.inc(releaseOrdersUpTo(Long.MAX_VALUE, out));
      return;
    }
    releaseOrdersUpTo(timestamp, out);
    long[] current = times.value();
    if (current == null || current[TIMER_AT] > timestamp) {
      return; // an order's timer; the cleanup timer is still ahead
    }
    if (current[CLEANUP_AT] <= timestamp) {
      touches.clear();
      times.clear();
      return;
    }
    // Newer clicks moved the expiry since this timer was set: set it again there.
    context.timerService().registerEventTimeTimer(current[CLEANUP_AT]);
    times.update(new long[] {current[CLEANUP_AT], current[OLDEST_TOUCH], current[CLEANUP_AT]});
  }

  /**
   * Sends the waiting orders of time {@code upTo} or before with their journeys; returns how many.
   */
  private int releaseOrdersUpTo(long upTo, Collector<ConversionInput> out) throws Exception {
    Iterable<ConversionInput> orders = waiting.get();
    if (orders == null) {
      return 0;
    }
    int released = 0;
    List<ConversionInput> stillWaiting = new ArrayList<>();
    for (ConversionInput order : orders) {
      if (orderTime(order) <= upTo) {
        order.journey = journeyBefore(orderTime(order));
        out.collect(order);
        released++;
      } else {
        stillWaiting.add(order);
      }
    }
    waiting.update(stillWaiting);
    return released;
  }

  /** Removes clicks older than {@code horizon}; returns the time of the oldest left. */
  private long removeExpired(long horizon) throws Exception {
    List<String> expired = new ArrayList<>();
    long oldest = Long.MAX_VALUE;
    for (Map.Entry<String, ClickTouch> entry : touches.entries()) {
      long time = entry.getValue().timeMillis;
      if (time < horizon) {
        expired.add(entry.getKey());
      } else {
        oldest = Math.min(oldest, time);
      }
    }
    for (String clickId : expired) {
      touches.remove(clickId);
    }
    return oldest;
  }

  private ClickTouch[] journeyBefore(long orderMillis) throws Exception {
    List<ClickTouch> journey = new ArrayList<>();
    for (Map.Entry<String, ClickTouch> entry : touches.entries()) {
      ClickTouch touch = entry.getValue();
      if (touch.timeMillis <= orderMillis && touch.timeMillis >= orderMillis - maxLookbackMillis) {
        journey.add(touch.withClickId(entry.getKey()));
      }
    }
    journey.sort(
        Comparator.<ClickTouch>comparingLong(touch -> touch.timeMillis)
            .thenComparing(touch -> touch.clickId));
    return journey.toArray(new ClickTouch[0]);
  }

  private static long orderTime(ConversionInput order) {
    return order.event.getEventTime().toEpochMilli();
  }
}
