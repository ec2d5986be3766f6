package io.influmeter.jobs.attribution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Gives an order the visitor's journey: every click of that visitor within the longest lookback
 * before the order, for the multi-touch models.
 *
 * <p>Key: visitor key ({@code visitor_id}, or the click itself when the browser sent none). Input
 * 1: clicks; input 2: orders whose click was found. State: the visitor's clicks ({@code
 * visitor-touches}, by click id), the time they expire ({@code visitor-cleanup-at}), the time of
 * the oldest ({@code visitor-oldest-touch}: the clicks are scanned for expired ones only once it is
 * older than the longest lookback), and orders waiting for the watermark ({@code
 * orders-awaiting-journey}). An order waits until the watermark passes its time, so clicks arriving
 * out of order (but not late) are on its journey. Cleared: waiting orders when their timer fires;
 * clicks older than the longest lookback whenever a click is added; everything once the watermark
 * passes the newest click + the longest lookback.
 */
public class VisitorJourneyFunction
    extends KeyedCoProcessFunction<String, ClickTouch, ConversionInput, ConversionInput> {

  private static final long serialVersionUID = 1L;

  private final long maxLookbackMillis;
  private transient MapState<String, ClickTouch> touches;
  private transient ValueState<Long> cleanupAt;
  private transient ValueState<Long> oldestTouch;
  private transient ListState<ConversionInput> waiting;

  public VisitorJourneyFunction(Duration maxLookback) {
    this.maxLookbackMillis = maxLookback.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    touches = getRuntimeContext().getMapState(AttributionState.VISITOR_TOUCHES);
    cleanupAt = getRuntimeContext().getState(AttributionState.VISITOR_CLEANUP_AT);
    oldestTouch = getRuntimeContext().getState(AttributionState.VISITOR_OLDEST_TOUCH);
    waiting = getRuntimeContext().getListState(AttributionState.ORDERS_AWAITING_JOURNEY);
  }

  @Override
  public void processElement1(ClickTouch touch, Context context, Collector<ConversionInput> out)
      throws Exception {
    // Kept without the click id, which is already the map key.
    touches.put(touch.clickId, touch.withoutClickId());
    Long current = cleanupAt.value();
    Long oldest = oldestTouch.value();
    long horizon = touch.timeMillis - maxLookbackMillis;
    if (current == null) {
      oldestTouch.update(touch.timeMillis); // the visitor's first kept click
    } else if (oldest == null || oldest < horizon) {
      // Only now can a click have expired (or the state predates visitor-oldest-touch): one scan,
      // instead of one per click (an iterator over the backend: costly on RocksDB).
      removeExpired(horizon);
    } else if (touch.timeMillis < oldest) {
      oldestTouch.update(touch.timeMillis);
    }
    long expiry = touch.timeMillis + maxLookbackMillis;
    if (current == null || current < expiry) {
      if (current != null) {
        context.timerService().deleteEventTimeTimer(current);
      }
      cleanupAt.update(expiry);
      context.timerService().registerEventTimeTimer(expiry);
    }
  }

  @Override
  public void processElement2(
      ConversionInput order, Context context, Collector<ConversionInput> out) throws Exception {
    waiting.add(order);
    context.timerService().registerEventTimeTimer(orderTime(order));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<ConversionInput> out)
      throws Exception {
    Iterable<ConversionInput> orders = waiting.get();
    if (orders != null) {
      List<ConversionInput> stillWaiting = new ArrayList<>();
      for (ConversionInput order : orders) {
        if (orderTime(order) <= timestamp) {
          order.journey = journeyBefore(orderTime(order));
          out.collect(order);
        } else {
          stillWaiting.add(order);
        }
      }
      waiting.update(stillWaiting);
    }
    Long expiry = cleanupAt.value();
    if (expiry != null && expiry <= timestamp) {
      touches.clear();
      cleanupAt.clear();
      oldestTouch.clear();
    }
  }

  private void removeExpired(long horizon) throws Exception {
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
    oldestTouch.update(oldest);
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
