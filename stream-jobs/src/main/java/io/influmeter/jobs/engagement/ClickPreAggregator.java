package io.influmeter.jobs.engagement;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Mini-batches click contributions before the {@code keyBy} to the window function: within a bundle
 * (at most {@code bundleInterval} of processing time, at most {@code maxRows} distinct rows),
 * contributions to the same row and the same minute are summed into one, carrying the distinct
 * visitor hashes of its clicks. The window function then does one state access per row and minute
 * instead of one per click, and fewer records cross the network.
 *
 * <p>Semantics are unchanged: a bundle is emitted before every watermark this operator forwards and
 * before every checkpoint barrier ({@link #prepareSnapshotPreBarrier}: no state of its own to
 * checkpoint), so each summed contribution reaches the window function with the watermark it would
 * have met unbatched. A contribution that might already be late there (its minute's end plus the
 * allowed lateness is not after the last watermark seen here), carries money (currencies are
 * checked per contribution) or cannot form a row key passes through alone, so rejections and dead
 * letters stay per event. Unique visitors stay exact: the hashes of a bundle are a set, and the
 * window adds each to its own set. Stateless: uid {@code click-pre-aggregation}.
 */
public class ClickPreAggregator extends AbstractStreamOperator<EngagementContribution>
    implements OneInputStreamOperator<EngagementContribution, EngagementContribution>,
        ProcessingTimeCallback {

  private static final long MINUTE_MILLIS = 60_000;

  private final long bundleIntervalMillis;
  private final int maxRows;
  private final long allowedLatenessMillis;

  private transient Map<BundleKey, Bundled> bundle;
  private transient long lastWatermark;
  private transient boolean flushScheduled;

  public ClickPreAggregator(long bundleIntervalMillis, int maxRows, long allowedLatenessMillis) {
    this.bundleIntervalMillis = bundleIntervalMillis;
    this.maxRows = maxRows;
    this.allowedLatenessMillis = allowedLatenessMillis;
  }

  @Override
  public void open() throws Exception {
    super.open();
    bundle = new HashMap<>();
    lastWatermark = Long.MIN_VALUE;
  }

  @Override
  public void processElement(StreamRecord<EngagementContribution> element) {
    EngagementContribution contribution = element.getValue();
    long minute = contribution.eventTime - Math.floorMod(contribution.eventTime, MINUTE_MILLIS);
    if (!combinable(contribution, minute)) {
      output.collect(element);
      return;
    }
    BundleKey key = new BundleKey(contribution.campaignId, contribution.influencerId, minute);
    Bundled bundled = bundle.get(key);
    if (bundled == null) {
      bundled = new Bundled(contribution.copy(), element.getTimestamp());
      bundled.sum.visitorId = null;
      bundled.sum.visitorHashes = null;
      bundle.put(key, bundled);
    } else {
      bundled.sum.clicks += contribution.clicks;
      bundled.sum.botClicks += contribution.botClicks;
    }
    if (contribution.visitorId != null) {
      bundled.addVisitor(VisitorHashes.of(contribution.visitorId));
    }
    if (contribution.visitorHashes != null) {
      for (long hash : contribution.visitorHashes) {
        bundled.addVisitor(hash);
      }
    }
    if (bundle.size() >= maxRows) {
      flush();
    } else if (!flushScheduled) {
      flushScheduled = true;
      getProcessingTimeService()
          .registerTimer(
              getProcessingTimeService().getCurrentProcessingTime() + bundleIntervalMillis, this);
    }
  }

  // Only clicks: everything but clicks, bot clicks and visitors is zero, the row key is valid, and
  // the window function's watermark (never ahead of ours) cannot make its minute late.
  private boolean combinable(EngagementContribution contribution, long minute) {
    return contribution.conversions == 0
        && contribution.refunds == 0
        && !contribution.hasMoney()
        && contribution.followersDelta == 0
        && contribution.viewsDelta == 0
        && contribution.likesDelta == 0
        && contribution.commentsDelta == 0
        && contribution.sharesDelta == 0
        && contribution.reachDelta == 0
        && !contribution.viewsReported
        && !contribution.reachReported
        && EngagementWindowFunction.isValidKeyPart(contribution.campaignId)
        && EngagementWindowFunction.isValidKeyPart(contribution.influencerId)
        && minute + MINUTE_MILLIS - 1 + allowedLatenessMillis > lastWatermark;
  }

  @Override
  public void onProcessingTime(long time) {
    flushScheduled = false;
    flush();
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    flush();
    lastWatermark = Math.max(lastWatermark, mark.getTimestamp());
    super.processWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flush();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void finish() throws Exception {
    flush();
    super.finish();
  }

  /** Emits every bundled row (visitor hashes as a compact array) and empties the bundle. */
  private void flush() {
    if (bundle.isEmpty()) {
      return;
    }
    StreamRecord<EngagementContribution> record = new StreamRecord<>(null);
    for (Bundled bundled : bundle.values()) {
      bundled.sum.visitorHashes = bundled.visitorArray();
      output.collect(record.replace(bundled.sum, bundled.timestamp));
    }
    bundle.clear();
  }

  int bundledRows() {
    return bundle.size();
  }

  private record BundleKey(String campaignId, String influencerId, long minute) {}

  private static final class Bundled {
    final EngagementContribution sum;
    final long timestamp;
    long[] table;
    int visitors;

    Bundled(EngagementContribution sum, long timestamp) {
      this.sum = sum;
      this.timestamp = timestamp;
    }

    void addVisitor(long hash) {
      long[] holding = VisitorHashes.addIfAbsent(table, visitors, hash);
      if (holding != null) {
        table = holding;
        visitors++;
      }
    }

    long[] visitorArray() {
      if (visitors == 0) {
        return null;
      }
      long[] compact = new long[visitors];
      int next = 0;
      for (long hash : table) {
        if (hash != 0) {
          compact[next++] = hash;
        }
      }
      return next == compact.length ? compact : Arrays.copyOf(compact, next);
    }
  }
}
