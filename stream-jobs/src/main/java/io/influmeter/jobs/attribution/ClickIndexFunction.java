package io.influmeter.jobs.attribution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Finds the click an order's click id names, so the order learns the visitor and whether the click
 * was a bot.
 *
 * <p>The click is kept without its click id (the state key already is the id) and gets it back when
 * it leaves with an order (the id, 68 characters, is the largest field of a touch).
 *
 * <p>Key: click id. Input 1: clicks; input 2: ORDER events carrying a click id. State: the click
 * ({@code indexed-click}, a few dozen bytes) and orders waiting for it ({@code
 * orders-awaiting-click}). An order whose click is known leaves at once (main output); otherwise it
 * waits until the watermark passes its own time (no click at or before that time can still arrive
 * in order) and then leaves through {@link AttributionState#ORDERS_WITHOUT_CLICK} — forged and
 * expired ids end here, and the MAC check downstream decides. Cleared: the click once the watermark
 * passes click time + the longest lookback (no order can use it after that); waiting orders when
 * their timer fires or their click arrives.
 */
public class ClickIndexFunction
    extends KeyedCoProcessFunction<String, ClickTouch, ConversionInput, ConversionInput> {

  private static final long serialVersionUID = 1L;

  private final long maxLookbackMillis;
  private transient ValueState<ClickTouch> click;
  private transient ListState<ConversionInput> waiting;

  public ClickIndexFunction(Duration maxLookback) {
    this.maxLookbackMillis = maxLookback.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    click = getRuntimeContext().getState(AttributionState.INDEXED_CLICK);
    waiting = getRuntimeContext().getListState(AttributionState.ORDERS_AWAITING_CLICK);
  }

  @Override
  public void processElement1(ClickTouch touch, Context context, Collector<ConversionInput> out)
      throws Exception {
    if (click.value() != null) {
      return; // a duplicate click (at-least-once upstream): the first one stands
    }
    click.update(touch.withoutClickId());
    context.timerService().registerEventTimeTimer(touch.timeMillis + maxLookbackMillis);
    Iterable<ConversionInput> orders = waiting.get();
    if (orders == null) {
      return;
    }
    for (ConversionInput order : orders) {
      context.timerService().deleteEventTimeTimer(orderTime(order));
      order.click = touch;
      out.collect(order);
    }
    waiting.clear();
  }

  @Override
  public void processElement2(
      ConversionInput order, Context context, Collector<ConversionInput> out) throws Exception {
    ClickTouch known = click.value();
    if (known != null) {
      order.click = known.withClickId(context.getCurrentKey());
      out.collect(order);
      return;
    }
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
          context.output(AttributionState.ORDERS_WITHOUT_CLICK, order);
        } else {
          stillWaiting.add(order);
        }
      }
      waiting.update(stillWaiting);
    }
    ClickTouch known = click.value();
    if (known != null && known.timeMillis + maxLookbackMillis <= timestamp) {
      click.clear();
    }
  }

  private static long orderTime(ConversionInput order) {
    return order.event.getEventTime().toEpochMilli();
  }
}
