package io.influmeter.jobs.engagement;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.EngagementWindow;
import io.influmeter.events.InfluencerCredit;
import io.influmeter.events.SocialMetricSnapshot;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The engagement windows computed the plain way: every event in a list, totals in hash maps, no
 * Flink. Rows are described by {@link #describe} so a job's final rows compare as strings.
 */
final class EngagementBatch {

  private static final long MINUTE = 60_000L;
  private static final long HOUR = 3_600_000L;

  private final Map<String, long[]> totals = new TreeMap<>();
  private final Map<String, Set<String>> visitors = new HashMap<>();
  private final Map<String, boolean[]> reported = new HashMap<>();

  private static final int CLICKS = 0;
  private static final int BOTS = 1;
  private static final int CONVERSIONS = 2;
  private static final int REFUNDS = 3;
  private static final int REVENUE = 4;
  private static final int COMMISSION = 5;
  private static final int FOLLOWERS = 6;
  private static final int VIEWS = 7;
  private static final int LIKES = 8;
  private static final int COMMENTS = 9;
  private static final int SHARES = 10;
  private static final int REACH = 11;

  /** Final rows by {@code campaign:influencer:GRANULARITY:start}, described. */
  static Map<String, String> compute(EngagementEventGenerator.Events events) {
    EngagementBatch batch = new EngagementBatch();
    for (ClickEvent click : events.clicks()) {
      long[] add = new long[12];
      add[CLICKS] = 1;
      add[BOTS] = click.getIsBot() ? 1 : 0;
      String visitor =
          click.getIsBot()
              ? null
              : click.getVisitorId() != null ? click.getVisitorId() : click.getVisitorHash();
      for (String campaign : List.of(click.getCampaignId(), "*")) {
        batch.add(
            campaign,
            click.getInfluencerId(),
            click.getEventTime().toEpochMilli(),
            add,
            visitor,
            false,
            false);
      }
    }
    batch.addOrders(events.attributions());
    batch.addSnapshots(events.snapshots());
    Map<String, String> rows = new TreeMap<>();
    batch.totals.forEach((key, values) -> rows.put(key, batch.describeTotals(key, values)));
    return rows;
  }

  private void addOrders(List<AttributedConversion> revisions) {
    Map<String, AttributedConversion> last = new HashMap<>();
    for (AttributedConversion current : revisions) {
      String order = current.getStoreId() + ":" + current.getOrderId();
      AttributedConversion previous = last.get(order);
      if (previous != null && current.getRevision() <= previous.getRevision()) {
        continue;
      }
      last.put(order, current);
      if (current.getCampaignId() == null) {
        continue;
      }
      boolean first = previous == null;
      long time =
          first ? current.getOrderTime().toEpochMilli() : current.getUpdatedAt().toEpochMilli();
      boolean reversed =
          !first
              && (current.getRefundedAmountMinor() > previous.getRefundedAmountMinor()
                  || (current.getCancelled() && !previous.getCancelled()));
      Set<String> influencers = new HashSet<>();
      Map<String, long[]> before = first ? Map.of() : credits(previous);
      Map<String, long[]> after = credits(current);
      influencers.addAll(before.keySet());
      influencers.addAll(after.keySet());
      for (String influencer : influencers) {
        long[] old = before.getOrDefault(influencer, new long[2]);
        long[] now = after.getOrDefault(influencer, new long[2]);
        long[] add = new long[12];
        add[CONVERSIONS] =
            (after.containsKey(influencer) ? 1 : 0) - (before.containsKey(influencer) ? 1 : 0);
        add[REFUNDS] = reversed && before.containsKey(influencer) ? 1 : 0;
        add[REVENUE] = now[0] - old[0];
        add[COMMISSION] = now[1] - old[1];
        if (add[CONVERSIONS] == 0
            && add[REFUNDS] == 0
            && add[REVENUE] == 0
            && add[COMMISSION] == 0) {
          continue;
        }
        for (String campaign : List.of(current.getCampaignId(), "*")) {
          add(campaign, influencer, time, add, null, false, false);
        }
      }
    }
  }

  private static Map<String, long[]> credits(AttributedConversion attribution) {
    Map<String, long[]> credits = new HashMap<>();
    for (InfluencerCredit credit : attribution.getCredits()) {
      long[] sums = credits.computeIfAbsent(credit.getInfluencerId(), id -> new long[2]);
      sums[0] += credit.getRevenueMinor();
      sums[1] += credit.getCommissionMinor();
    }
    return credits;
  }

  private void addSnapshots(List<SocialMetricSnapshot> snapshots) {
    Map<String, SocialMetricSnapshot> last = new HashMap<>();
    for (SocialMetricSnapshot current : snapshots) {
      if (current.getContentId() != null && current.getCampaignId() == null) {
        continue;
      }
      String account =
          current.getPlatform() + ":" + current.getAccountId() + ":" + current.getContentId();
      SocialMetricSnapshot previous = last.get(account);
      if (previous != null && !current.getCapturedAt().isAfter(previous.getCapturedAt())) {
        continue;
      }
      last.put(account, current);
      if (previous == null) {
        continue;
      }
      long[] add = new long[12];
      add[FOLLOWERS] = change(previous.getFollowers(), current.getFollowers());
      add[VIEWS] = change(previous.getViews(), current.getViews());
      add[LIKES] = change(previous.getLikes(), current.getLikes());
      add[COMMENTS] = change(previous.getComments(), current.getComments());
      add[SHARES] = change(previous.getShares(), current.getShares());
      add[REACH] = change(previous.getReach(), current.getReach());
      String campaign = current.getCampaignId() == null ? "*" : current.getCampaignId();
      add(
          campaign,
          current.getInfluencerId(),
          current.getCapturedAt().toEpochMilli(),
          add,
          null,
          current.getViews() != null,
          current.getReach() != null);
    }
  }

  private static long change(Long before, Long after) {
    return before == null || after == null ? 0 : after - before;
  }

  private void add(
      String campaign,
      String influencer,
      long time,
      long[] add,
      String visitor,
      boolean views,
      boolean reach) {
    for (Map.Entry<String, Long> size : Map.of("MINUTE", MINUTE, "HOUR", HOUR).entrySet()) {
      long start = time - Math.floorMod(time, size.getValue());
      String key = campaign + ":" + influencer + ":" + size.getKey() + ":" + start;
      long[] sums = totals.computeIfAbsent(key, k -> new long[12]);
      for (int index = 0; index < add.length; index++) {
        sums[index] += add[index];
      }
      Set<String> seen = visitors.computeIfAbsent(key, k -> new HashSet<>());
      if (visitor != null) {
        seen.add(visitor);
      }
      boolean[] flags = reported.computeIfAbsent(key, k -> new boolean[2]);
      flags[0] |= views;
      flags[1] |= reach;
    }
  }

  private String describeTotals(String key, long[] sums) {
    boolean[] flags = reported.get(key);
    Double rate =
        EngagementRate.of(
            sums[LIKES],
            sums[COMMENTS],
            sums[SHARES],
            flags[0],
            sums[VIEWS],
            flags[1],
            sums[REACH]);
    return String.format(
        "clicks=%d unique=%d bots=%d conversions=%d refunds=%d revenue=%d commission=%d"
            + " followers=%d views=%d likes=%d comments=%d shares=%d reach=%d rate=%s",
        sums[CLICKS],
        (long) visitors.get(key).size(),
        sums[BOTS],
        sums[CONVERSIONS],
        sums[REFUNDS],
        sums[REVENUE],
        sums[COMMISSION],
        sums[FOLLOWERS],
        sums[VIEWS],
        sums[LIKES],
        sums[COMMENTS],
        sums[SHARES],
        sums[REACH],
        rate);
  }

  /** A job's row in the same words as the batch's. */
  static String describe(EngagementWindow row) {
    return String.format(
        "clicks=%d unique=%d bots=%d conversions=%d refunds=%d revenue=%d commission=%d"
            + " followers=%d views=%d likes=%d comments=%d shares=%d reach=%d rate=%s",
        row.getClicks(),
        row.getUniqueVisitors(),
        row.getBotClicks(),
        row.getConversionCount(),
        row.getRefunds(),
        row.getRevenueMinor(),
        row.getCommissionMinor(),
        row.getFollowersDelta(),
        row.getViewsDelta(),
        row.getLikesDelta(),
        row.getCommentsDelta(),
        row.getSharesDelta(),
        row.getReachDelta(),
        row.getEngagementRate());
  }
}
