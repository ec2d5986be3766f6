package io.influmeter.jobs.engagement;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.AttributionMethod;
import io.influmeter.events.AttributionModel;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.InfluencerCredit;
import io.influmeter.events.SocialMetricSnapshot;
import io.influmeter.events.SocialPlatform;
import java.time.Instant;
import java.util.List;

/** Builders of the job's input records for tests. */
final class EngagementFixtures {

  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private EngagementFixtures() {}

  static Instant at(long secondsAfterT0) {
    return T0.plusSeconds(secondsAfterT0);
  }

  static ClickEvent click(
      String campaign, String influencer, Instant time, String visitor, boolean bot) {
    return ClickEvent.newBuilder()
        .setClickId("click-" + campaign + "-" + influencer + "-" + time.toEpochMilli() + visitor)
        .setSlug(influencer + "-" + campaign)
        .setLinkId("link-" + campaign + "-" + influencer)
        .setCampaignId(campaign)
        .setInfluencerId(influencer)
        .setBrandId("brand-1")
        .setEventTime(time)
        .setVisitorId(null)
        .setVisitorHash(visitor)
        .setIsBot(bot)
        .setBotReason(bot ? "user-agent" : null)
        .setDestinationUrl("https://shop.example/p")
        .build();
  }

  static InfluencerCredit credit(String influencer, int sharePpm, long revenue, long commission) {
    return InfluencerCredit.newBuilder()
        .setInfluencerId(influencer)
        .setLinkId("link-" + influencer)
        .setSharePpm(sharePpm)
        .setRevenueMinor(revenue)
        .setCommissionMinor(commission)
        .build();
  }

  static AttributedConversion order(
      String campaign,
      String orderId,
      long revision,
      Instant orderTime,
      Instant updatedAt,
      long orderAmount,
      long refunded,
      boolean cancelled,
      List<InfluencerCredit> credits) {
    long net = cancelled ? 0 : orderAmount - refunded;
    long commission = credits.stream().mapToLong(InfluencerCredit::getCommissionMinor).sum();
    return AttributedConversion.newBuilder()
        .setStoreId("store-1")
        .setOrderId(orderId)
        .setBrandId("brand-1")
        .setCampaignId(campaign)
        .setMethod(campaign == null ? AttributionMethod.UNATTRIBUTED : AttributionMethod.CLICK_ID)
        .setAttributionModel(AttributionModel.LAST_CLICK)
        .setCurrency("KES")
        .setOrderAmountMinor(orderAmount)
        .setRefundedAmountMinor(refunded)
        .setNetAmountMinor(net)
        .setCommissionMinor(commission)
        .setCancelled(cancelled)
        .setCredits(credits)
        .setBillable(true)
        .setOrderTime(orderTime)
        .setUpdatedAt(updatedAt)
        .setRevision(revision)
        .build();
  }

  static SocialMetricSnapshot snapshot(
      String influencer,
      String campaign,
      String content,
      Instant capturedAt,
      Long followers,
      Long views,
      Long likes,
      Long comments,
      Long shares,
      Long reach) {
    return SocialMetricSnapshot.newBuilder()
        .setPlatform(SocialPlatform.YOUTUBE)
        .setAccountId("acct-" + influencer)
        .setInfluencerId(influencer)
        .setCampaignId(campaign)
        .setContentId(content)
        .setCapturedAt(capturedAt)
        .setFollowers(followers)
        .setViews(views)
        .setLikes(likes)
        .setComments(comments)
        .setShares(shares)
        .setReach(reach)
        .build();
  }
}
