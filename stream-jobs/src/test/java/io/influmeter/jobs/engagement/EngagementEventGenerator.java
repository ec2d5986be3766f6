package io.influmeter.jobs.engagement;

import static io.influmeter.jobs.engagement.EngagementFixtures.T0;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.InfluencerCredit;
import io.influmeter.events.SocialMetricSnapshot;
import io.influmeter.schemas.serde.TrustedEventClasses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Seeded streams of clicks (bots, repeat visitors, out-of-order and late within the allowed
 * lateness), attributed orders (multi-influencer splits, partial refunds, cancellations, replayed
 * revisions, unattributed orders) and social snapshots (decreasing counters, platforms without
 * views, replayed snapshots, content outside any campaign), over about two and a half hours.
 */
final class EngagementEventGenerator {

  static final List<String> CAMPAIGNS = List.of("c1", "c2");
  static final List<String> INFLUENCERS = List.of("i1", "i2", "i3", "i4");

  /** The streams, each in the order a source emits it. */
  record Events(
      List<ClickEvent> clicks,
      List<AttributedConversion> attributions,
      List<SocialMetricSnapshot> snapshots) {}

  private EngagementEventGenerator() {}

  static {
    // Copying records (newBuilder(record)) makes Avro load our enum classes by name.
    TrustedEventClasses.install();
  }

  static Events generate(long seed, int clickCount, int orderCount) {
    Random random = new Random(seed);
    return new Events(
        clicks(random, seed, clickCount), attributions(random, orderCount), snapshots(random));
  }

  private static List<ClickEvent> clicks(Random random, long seed, int count) {
    List<ClickEvent> clicks = new ArrayList<>();
    long base = T0.toEpochMilli();
    for (int index = 0; index < count; index++) {
      base += random.nextInt(20_000);
      // Mostly a few seconds out of order; one in ten up to 100 s late (within 5 s + 2 min).
      long lateness = random.nextInt(10) == 0 ? random.nextInt(100_000) : random.nextInt(4_000);
      String campaign = CAMPAIGNS.get(random.nextInt(CAMPAIGNS.size()));
      String influencer = INFLUENCERS.get(random.nextInt(INFLUENCERS.size()));
      boolean bot = random.nextInt(10) == 0;
      String visitor = "visitor-" + random.nextInt(40);
      ClickEvent click =
          EngagementFixtures.click(
              campaign, influencer, Instant.ofEpochMilli(base - lateness), visitor, bot);
      ClickEvent.Builder builder =
          ClickEvent.newBuilder(click).setClickId("click-" + seed + "-" + index);
      if (random.nextBoolean()) {
        builder.setVisitorId("cookie-" + visitor);
      }
      clicks.add(builder.build());
    }
    return clicks;
  }

  private static List<AttributedConversion> attributions(Random random, int count) {
    List<AttributedConversion> revisions = new ArrayList<>();
    long base = T0.toEpochMilli();
    for (int index = 0; index < count; index++) {
      base += random.nextInt(120_000);
      Instant orderTime = Instant.ofEpochMilli(base);
      String orderId = "order-" + index;
      long amount = 1_000 + random.nextInt(50_000);
      if (random.nextInt(8) == 0) {
        revisions.add(
            EngagementFixtures.order(
                null, orderId, 1, orderTime, orderTime, amount, 0, false, List.of()));
        continue;
      }
      String campaign = CAMPAIGNS.get(random.nextInt(CAMPAIGNS.size()));
      List<String> influencers = pickInfluencers(random);
      revisions.add(
          order(campaign, orderId, 1, orderTime, orderTime, amount, 0, false, influencers));
      if (random.nextInt(10) == 0) {
        revisions.add(
            order(campaign, orderId, 1, orderTime, orderTime, amount, 0, false, influencers));
      }
      long refunded = 0;
      long revision = 1;
      Instant changed = orderTime;
      if (random.nextInt(3) == 0) {
        refunded = 1 + random.nextInt((int) amount);
        changed = changed.plusSeconds(60 + random.nextInt(1_800));
        revision++;
        revisions.add(
            order(
                campaign,
                orderId,
                revision,
                orderTime,
                changed,
                amount,
                refunded,
                false,
                influencers));
      }
      if (random.nextInt(8) == 0) {
        changed = changed.plusSeconds(60 + random.nextInt(1_800));
        revision++;
        revisions.add(
            order(
                campaign,
                orderId,
                revision,
                orderTime,
                changed,
                amount,
                refunded,
                true,
                influencers));
      }
    }
    // A source emits them in the order the attribution job wrote them: by time of the change.
    revisions.sort(
        Comparator.comparingLong(
            (AttributedConversion attribution) -> EngagementJob.attributionTime(attribution, 0L)));
    return revisions;
  }

  private static List<String> pickInfluencers(Random random) {
    List<String> shuffled = new ArrayList<>(INFLUENCERS);
    java.util.Collections.shuffle(shuffled, random);
    return List.copyOf(shuffled.subList(0, 1 + random.nextInt(2)));
  }

  // Credits split the net amount and a 10% commission exactly: the last influencer takes the
  // remainder, so the parts always sum to the whole.
  private static AttributedConversion order(
      String campaign,
      String orderId,
      long revision,
      Instant orderTime,
      Instant updatedAt,
      long amount,
      long refunded,
      boolean cancelled,
      List<String> influencers) {
    long net = cancelled ? 0 : amount - refunded;
    long commission = net / 10;
    int share = 1_000_000 / influencers.size();
    List<InfluencerCredit> credits = new ArrayList<>();
    long revenueLeft = net;
    long commissionLeft = commission;
    for (int index = 0; index < influencers.size(); index++) {
      boolean last = index == influencers.size() - 1;
      long revenue = last ? revenueLeft : net * share / 1_000_000;
      long paid = last ? commissionLeft : commission * share / 1_000_000;
      revenueLeft -= revenue;
      commissionLeft -= paid;
      int sharePpm = last ? 1_000_000 - share * (influencers.size() - 1) : share;
      credits.add(EngagementFixtures.credit(influencers.get(index), sharePpm, revenue, paid));
    }
    return EngagementFixtures.order(
        campaign, orderId, revision, orderTime, updatedAt, amount, refunded, cancelled, credits);
  }

  private static List<SocialMetricSnapshot> snapshots(Random random) {
    List<SocialMetricSnapshot> snapshots = new ArrayList<>();
    for (String influencer : INFLUENCERS) {
      boolean hasViews = !influencer.equals("i4");
      long followers = 10_000 + random.nextInt(1_000);
      long views = 50_000;
      long likes = 2_000;
      long comments = 300;
      long shares = 100;
      long reach = 20_000;
      for (long time = T0.toEpochMilli() + random.nextInt(60_000);
          time < T0.toEpochMilli() + 150 * 60_000L;
          time += 240_000 + random.nextInt(120_000)) {
        followers += random.nextInt(40) - 10;
        views += random.nextInt(500);
        likes += random.nextInt(50);
        comments += random.nextInt(8) - 2;
        shares += random.nextInt(5);
        reach += random.nextInt(300);
        SocialMetricSnapshot account =
            EngagementFixtures.snapshot(
                influencer,
                null,
                null,
                Instant.ofEpochMilli(time),
                followers,
                hasViews ? views : null,
                likes,
                comments,
                shares,
                hasViews ? null : reach);
        snapshots.add(account);
        if (random.nextInt(12) == 0) {
          snapshots.add(SocialMetricSnapshot.newBuilder(account).build());
        }
        if (influencer.equals("i1") || influencer.equals("i2")) {
          snapshots.add(
              EngagementFixtures.snapshot(
                  influencer,
                  "c1",
                  "video-" + influencer,
                  Instant.ofEpochMilli(time + 1_000),
                  null,
                  views / 10,
                  likes / 10,
                  comments / 10,
                  shares / 10,
                  null));
        }
        if (influencer.equals("i3")) {
          snapshots.add(
              EngagementFixtures.snapshot(
                  influencer,
                  null,
                  "video-other",
                  Instant.ofEpochMilli(time),
                  null,
                  views,
                  likes,
                  comments,
                  shares,
                  null));
        }
      }
    }
    snapshots.sort(Comparator.comparing(SocialMetricSnapshot::getCapturedAt));
    return snapshots;
  }
}
