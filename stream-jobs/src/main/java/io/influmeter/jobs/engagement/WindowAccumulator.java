package io.influmeter.jobs.engagement;

import io.influmeter.events.EngagementWindow;
import io.influmeter.events.WindowGranularity;
import java.time.Instant;

/**
 * Running totals of one engagement row in one tumbling window, kept in keyed state by {@link
 * EngagementWindowFunction} until the window's allowed lateness has passed. A Flink POJO (its
 * visitor hashes are a primitive array: copied as one block on copy-on-write, never Kryo).
 */
public class WindowAccumulator {

  public String campaignId;
  public String influencerId;
  public long windowStart;
  public long windowEnd;

  public long clicks;
  public long uniqueVisitors;
  public long botClicks;
  public long conversions;
  public long refunds;
  public long revenueMinor;
  public long commissionMinor;
  public String currency;

  public long followersDelta;
  public long viewsDelta;
  public long likesDelta;
  public long commentsDelta;
  public long sharesDelta;
  public long reachDelta;
  public boolean viewsReported;
  public boolean reachReported;

  /**
   * The window's distinct visitors as 64-bit hashes of their ids ({@link VisitorHashes}: exact up
   * to a hash collision, about n^2 / 2^65 for n visitors); null while none. A window lives at most
   * an hour plus the allowed lateness, and the numbers must match a recomputation, so no sketch.
   */
  public long[] visitorHashes;

  /** Changed since the last emission: the next early (or late) firing emits it. */
  public boolean dirty;

  /** The on-time final row has been emitted (the watermark passed the window end). */
  public boolean finalEmitted;

  public WindowAccumulator() {}

  static WindowAccumulator open(String campaignId, String influencerId, long start, long end) {
    WindowAccumulator accumulator = new WindowAccumulator();
    accumulator.campaignId = campaignId;
    accumulator.influencerId = influencerId;
    accumulator.windowStart = start;
    accumulator.windowEnd = end;
    return accumulator;
  }

  /** The largest timestamp inside the window: the watermark must pass it for the final firing. */
  long maxTimestamp() {
    return windowEnd - 1;
  }

  /** False when the contribution's money is in another currency than the window's. */
  boolean acceptsCurrencyOf(EngagementContribution contribution) {
    return contribution.currency == null
        || currency == null
        || currency.equals(contribution.currency);
  }

  /** Counts a visitor once per window. */
  void addVisitor(String visitorId) {
    addVisitorHash(VisitorHashes.of(visitorId));
  }

  /** Counts a visitor, given as its {@link VisitorHashes#of} hash, once per window. */
  void addVisitorHash(long hash) {
    long[] holding = VisitorHashes.addIfAbsent(visitorHashes, (int) uniqueVisitors, hash);
    if (holding != null) {
      visitorHashes = holding;
      uniqueVisitors++;
    }
  }

  void add(EngagementContribution contribution) {
    clicks += contribution.clicks;
    botClicks += contribution.botClicks;
    conversions += contribution.conversions;
    refunds += contribution.refunds;
    revenueMinor = Math.addExact(revenueMinor, contribution.revenueMinor);
    commissionMinor = Math.addExact(commissionMinor, contribution.commissionMinor);
    if (currency == null) {
      currency = contribution.currency;
    }
    followersDelta += contribution.followersDelta;
    viewsDelta += contribution.viewsDelta;
    likesDelta += contribution.likesDelta;
    commentsDelta += contribution.commentsDelta;
    sharesDelta += contribution.sharesDelta;
    reachDelta += contribution.reachDelta;
    viewsReported |= contribution.viewsReported;
    reachReported |= contribution.reachReported;
    dirty = true;
  }

  EngagementWindow toRecord(WindowGranularity granularity, boolean isFinal, long updatedAt) {
    return EngagementWindow.newBuilder()
        .setCampaignId(campaignId)
        .setInfluencerId(influencerId)
        .setGranularity(granularity)
        .setWindowStart(Instant.ofEpochMilli(windowStart))
        .setWindowEnd(Instant.ofEpochMilli(windowEnd))
        .setIsFinal(isFinal)
        .setClicks(clicks)
        .setUniqueVisitors(uniqueVisitors)
        .setBotClicks(botClicks)
        .setConversionCount(conversions)
        .setRefunds(refunds)
        .setRevenueMinor(revenueMinor)
        .setCommissionMinor(commissionMinor)
        .setCurrency(currency)
        .setFollowersDelta(followersDelta)
        .setViewsDelta(viewsDelta)
        .setLikesDelta(likesDelta)
        .setCommentsDelta(commentsDelta)
        .setSharesDelta(sharesDelta)
        .setReachDelta(reachDelta)
        .setEngagementRate(
            EngagementRate.of(
                likesDelta,
                commentsDelta,
                sharesDelta,
                viewsReported,
                viewsDelta,
                reachReported,
                reachDelta))
        .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
        .build();
  }
}
