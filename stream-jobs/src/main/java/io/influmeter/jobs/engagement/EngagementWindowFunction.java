package io.influmeter.jobs.engagement;

import io.influmeter.events.EngagementWindow;
import io.influmeter.events.WindowGranularity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Tumbling one-minute and one-hour event-time windows of one engagement row, with early firings,
 * allowed lateness and keyed-upsert output.
 *
 * <p><b>Key:</b> the row, {@code campaignId:influencerId} (campaign {@code "*"} for the
 * influencer's overall row). <b>State:</b> per open window an accumulator ({@link
 * EngagementState#MINUTE_WINDOWS}, {@link EngagementState#HOUR_WINDOWS}) holding its distinct
 * visitors, and the pending early-firing timer ({@link EngagementState#EARLY_FIRING_AT}).
 * <b>Cleared:</b> a window's accumulator and visitors when the watermark passes {@code windowEnd -
 * 1 + allowedLateness}; the timer state when it fires or when the row has no open window left. An
 * idle row therefore holds no state and no timer.
 *
 * <p>Why a process function rather than {@code window(...).trigger(...)}: one accumulator per row
 * serves both granularities from one state access, early firings are one processing-time timer per
 * row (not per window), and a late update re-emits the window as an upsert of the same key.
 *
 * <p>Firings: a changed window is emitted at the next multiple of {@code earlyFiringInterval}
 * (processing time) after its first change with {@code is_final = false}; when the watermark passes
 * its end it is emitted with {@code is_final = true}; a late contribution (within the allowed
 * lateness) re-emits it, still final, within one interval. Contributions later than that, or whose
 * money is in another currency than the window's, go to {@link EngagementState#REJECTED} and are
 * counted.
 */
public class EngagementWindowFunction
    extends KeyedProcessFunction<String, EngagementContribution, EngagementWindow> {

  /** Campaign id of an influencer's overall row. */
  public static final String ALL_CAMPAIGNS = "*";

  private static final long MINUTE_MILLIS = Duration.ofMinutes(1).toMillis();
  private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

  private final long earlyFiringIntervalMillis;
  private final long allowedLatenessMillis;

  private transient WindowTable minutes;
  private transient WindowTable hours;
  private transient WindowTable[] tables;
  private transient ValueState<Long> earlyFiringAt;
  private transient Counter tooLate;
  private transient Counter currencyMismatches;
  private transient Counter invalidRows;

  public EngagementWindowFunction(Duration earlyFiringInterval, Duration allowedLateness) {
    this.earlyFiringIntervalMillis = earlyFiringInterval.toMillis();
    this.allowedLatenessMillis = allowedLateness.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    minutes =
        new WindowTable(
            WindowGranularity.MINUTE,
            MINUTE_MILLIS,
            getRuntimeContext().getMapState(EngagementState.MINUTE_WINDOWS));
    hours =
        new WindowTable(
            WindowGranularity.HOUR,
            HOUR_MILLIS,
            getRuntimeContext().getMapState(EngagementState.HOUR_WINDOWS));
    tables = new WindowTable[] {minutes, hours};
    earlyFiringAt = getRuntimeContext().getState(EngagementState.EARLY_FIRING_AT);
    tooLate = getRuntimeContext().getMetricGroup().counter("tooLateContributions");
    currencyMismatches = getRuntimeContext().getMetricGroup().counter("currencyMismatches");
    invalidRows = getRuntimeContext().getMetricGroup().counter("invalidRows");
  }

  @Override
  public void processElement(
      EngagementContribution contribution, Context context, Collector<EngagementWindow> out)
      throws Exception {
    if (!isValidKeyPart(contribution.campaignId) || !isValidKeyPart(contribution.influencerId)) {
      // The output key could not be built (Topics.engagementWindowKey): failing the sink would
      // restart the job forever on one bad record.
      invalidRows.inc();
      context.output(
          EngagementState.REJECTED,
          RejectedContribution.of(RejectedContribution.INVALID_ROW, null, contribution));
      return;
    }
    long watermark = context.timerService().currentWatermark();
    boolean changed = false;
    for (WindowTable table : tables) {
      changed |= addTo(table, contribution, watermark, context);
    }
    if (changed && earlyFiringAt.value() == null) {
      // Aligned to the interval grid: every row's early firing happens at the same instants, so
      // timers coalesce and a change waits at most one interval (half of one on average).
      long now = context.timerService().currentProcessingTime();
      long at = (now / earlyFiringIntervalMillis + 1) * earlyFiringIntervalMillis;
      context.timerService().registerProcessingTimeTimer(at);
      earlyFiringAt.update(at);
    }
  }

  static boolean isValidKeyPart(String id) {
    return id != null && !id.isBlank() && id.indexOf(':') < 0;
  }

  private boolean addTo(
      WindowTable table, EngagementContribution contribution, long watermark, Context context)
      throws Exception {
    long start = contribution.eventTime - Math.floorMod(contribution.eventTime, table.sizeMillis);
    long maxTimestamp = start + table.sizeMillis - 1;
    if (maxTimestamp + allowedLatenessMillis <= watermark) {
      tooLate.inc();
      context.output(
          EngagementState.REJECTED,
          RejectedContribution.of(
              RejectedContribution.TOO_LATE, table.granularity.name(), contribution));
      return false;
    }
    WindowAccumulator accumulator = table.windows.get(start);
    if (accumulator == null) {
      accumulator =
          WindowAccumulator.open(
              contribution.campaignId, contribution.influencerId, start, start + table.sizeMillis);
      context.timerService().registerEventTimeTimer(maxTimestamp);
      context.timerService().registerEventTimeTimer(maxTimestamp + allowedLatenessMillis);
    }
    if (!accumulator.acceptsCurrencyOf(contribution)) {
      currencyMismatches.inc();
      context.output(
          EngagementState.REJECTED,
          RejectedContribution.of(
              RejectedContribution.CURRENCY_MISMATCH, table.granularity.name(), contribution));
      return false;
    }
    accumulator.add(contribution);
    if (contribution.visitorId != null) {
      accumulator.addVisitor(contribution.visitorId);
    }
    if (contribution.visitorHashes != null) {
      for (long hash : contribution.visitorHashes) {
        accumulator.addVisitorHash(hash);
      }
    }
    table.windows.put(start, accumulator);
    return true;
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<EngagementWindow> out)
      throws Exception {
    long now = context.timerService().currentProcessingTime();
    if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
      earlyFiringAt.clear();
      long watermark = context.timerService().currentWatermark();
      for (WindowTable table : tables) {
        emitChanged(table, watermark, now, out);
      }
      return;
    }
    for (WindowTable table : tables) {
      finishWindows(table, timestamp, now, out);
    }
    if (minutes.windows.isEmpty() && hours.windows.isEmpty()) {
      Long pending = earlyFiringAt.value();
      if (pending != null) {
        context.timerService().deleteProcessingTimeTimer(pending);
        earlyFiringAt.clear();
      }
    }
  }

  private static void emitChanged(
      WindowTable table, long watermark, long now, Collector<EngagementWindow> out)
      throws Exception {
    List<WindowAccumulator> changed = new ArrayList<>();
    for (WindowAccumulator accumulator : table.windows.values()) {
      if (accumulator.dirty) {
        changed.add(accumulator);
      }
    }
    for (WindowAccumulator accumulator : changed) {
      boolean isFinal = watermark >= accumulator.maxTimestamp();
      out.collect(accumulator.toRecord(table.granularity, isFinal, now));
      accumulator.dirty = false;
      accumulator.finalEmitted |= isFinal;
      table.windows.put(accumulator.windowStart, accumulator);
    }
  }

  // Runs at every event-time timer: emits the windows the watermark just completed and drops those
  // whose allowed lateness is over (emitting a pending late update first).
  private void finishWindows(
      WindowTable table, long watermark, long now, Collector<EngagementWindow> out)
      throws Exception {
    List<Long> expired = new ArrayList<>();
    List<WindowAccumulator> completed = new ArrayList<>();
    for (Map.Entry<Long, WindowAccumulator> entry : table.windows.entries()) {
      WindowAccumulator accumulator = entry.getValue();
      if (accumulator.maxTimestamp() > watermark) {
        continue;
      }
      if (!accumulator.finalEmitted || accumulator.dirty) {
        out.collect(accumulator.toRecord(table.granularity, true, now));
        accumulator.finalEmitted = true;
        accumulator.dirty = false;
        completed.add(accumulator);
      }
      if (accumulator.maxTimestamp() + allowedLatenessMillis <= watermark) {
        expired.add(entry.getKey());
      }
    }
    for (WindowAccumulator accumulator : completed) {
      table.windows.put(accumulator.windowStart, accumulator);
    }
    for (Long start : expired) {
      table.windows.remove(start);
    }
    if (table.windows.isEmpty()) {
      // An emptied map can still hold an entry in the state backend: drop it for the idle row.
      table.windows.clear();
    }
  }

  /** The state of one window size. */
  private static final class WindowTable {
    final WindowGranularity granularity;
    final long sizeMillis;
    final MapState<Long, WindowAccumulator> windows;

    WindowTable(
        WindowGranularity granularity, long sizeMillis, MapState<Long, WindowAccumulator> windows) {
      this.granularity = granularity;
      this.sizeMillis = sizeMillis;
      this.windows = windows;
    }
  }
}
