package io.influmeter.jobs.engagement;

import io.influmeter.events.SocialMetricSnapshot;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns successive cumulative snapshots of one social account (or one piece of content) into
 * deltas: each counter's change since the previous snapshot, at the new snapshot's {@code
 * captured_at}. The first snapshot gives no delta; a counter the platform does not report (null in
 * either snapshot) gives none; a counter that went down is a real, negative delta (unfollows,
 * deleted comments).
 *
 * <p>Which row: content snapshots of a campaign go to that campaign x influencer row; account-level
 * snapshots (no content, no campaign) to the influencer's overall row {@code "*"}. Content outside
 * any campaign is counted and ignored: the account-level snapshot already covers it, and adding it
 * to the overall row would count the same views twice.
 *
 * <p><b>Key:</b> {@code PLATFORM:accountId:contentId} ({@link #keyOf}). <b>State:</b> the last
 * applied snapshot ({@link EngagementState#LAST_SNAPSHOT}); a snapshot not newer than it is a
 * replay and goes to {@link EngagementState#STALE_SNAPSHOTS} (counted). Snapshots of one account
 * share a Kafka partition, so they arrive in poll order. <b>Cleared:</b> by an event-time timer
 * {@code retention} after the last snapshot: an account no longer polled is forgotten, and its next
 * snapshot starts afresh (no delta).
 */
public class SocialDeltaFunction
    extends KeyedProcessFunction<String, SocialMetricSnapshot, EngagementContribution> {

  private final long retentionMillis;

  private transient ValueState<SocialMetricSnapshot> last;
  private transient Counter staleSnapshots;
  private transient Counter contentWithoutCampaign;

  public SocialDeltaFunction(Duration retention) {
    this.retentionMillis = retention.toMillis();
  }

  /** The key of a snapshot's account or content. */
  public static String keyOf(SocialMetricSnapshot snapshot) {
    String content = snapshot.getContentId() == null ? "" : snapshot.getContentId();
    return snapshot.getPlatform().name() + ":" + snapshot.getAccountId() + ":" + content;
  }

  @Override
  public void open(OpenContext openContext) {
    last = getRuntimeContext().getState(EngagementState.LAST_SNAPSHOT);
    staleSnapshots = getRuntimeContext().getMetricGroup().counter("staleSnapshots");
    contentWithoutCampaign =
        getRuntimeContext().getMetricGroup().counter("contentSnapshotsWithoutCampaign");
  }

  @Override
  public void processElement(
      SocialMetricSnapshot current, Context context, Collector<EngagementContribution> out)
      throws Exception {
    if (current.getContentId() != null && current.getCampaignId() == null) {
      contentWithoutCampaign.inc();
      return;
    }
    SocialMetricSnapshot previous = last.value();
    if (previous != null && !current.getCapturedAt().isAfter(previous.getCapturedAt())) {
      staleSnapshots.inc();
      context.output(EngagementState.STALE_SNAPSHOTS, current);
      return;
    }
    if (previous != null) {
      out.collect(delta(previous, current));
      context.timerService().deleteEventTimeTimer(cleanupTime(previous));
    }
    last.update(current);
    context.timerService().registerEventTimeTimer(cleanupTime(current));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<EngagementContribution> out)
      throws Exception {
    SocialMetricSnapshot previous = last.value();
    if (previous != null && cleanupTime(previous) <= timestamp) {
      last.clear();
    }
  }

  private long cleanupTime(SocialMetricSnapshot snapshot) {
    return snapshot.getCapturedAt().toEpochMilli() + retentionMillis;
  }

  static EngagementContribution delta(SocialMetricSnapshot previous, SocialMetricSnapshot current) {
    String campaign =
        current.getCampaignId() != null
            ? current.getCampaignId()
            : EngagementWindowFunction.ALL_CAMPAIGNS;
    EngagementContribution delta =
        EngagementContribution.of(
            campaign, current.getInfluencerId(), current.getCapturedAt().toEpochMilli());
    delta.followersDelta = difference(previous.getFollowers(), current.getFollowers());
    delta.viewsDelta = difference(previous.getViews(), current.getViews());
    delta.likesDelta = difference(previous.getLikes(), current.getLikes());
    delta.commentsDelta = difference(previous.getComments(), current.getComments());
    delta.sharesDelta = difference(previous.getShares(), current.getShares());
    delta.reachDelta = difference(previous.getReach(), current.getReach());
    delta.viewsReported = current.getViews() != null;
    delta.reachReported = current.getReach() != null;
    return delta;
  }

  private static long difference(Long before, Long after) {
    if (before == null || after == null) {
      return 0;
    }
    return after - before;
  }
}
