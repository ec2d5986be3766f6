package io.influmeter.jobs.triggers;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.AttributionMethod;
import io.influmeter.events.AttributionModel;
import io.influmeter.events.CommissionType;
import io.influmeter.events.EngagementWindow;
import io.influmeter.events.InfluencerCredit;
import io.influmeter.events.LinkStatus;
import io.influmeter.events.ReferralLink;
import io.influmeter.events.WindowGranularity;
import io.influmeter.schemas.serde.TrustedEventClasses;
import java.time.Instant;
import java.util.List;

/** Builders of the AiTriggerJob's inputs for tests. */
final class TriggerFixtures {

  static final long HOUR = 3_600_000L;

  /** Midnight UTC: the dedup day starts here. */
  static final long DAY0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();

  private TriggerFixtures() {}

  static {
    // Copying records (newBuilder(record)) makes Avro load our enum classes by name.
    TrustedEventClasses.install();
  }

  static HourlyFigures figures(
      String influencer, long hourStart, long clicks, long conversions, long social) {
    HourlyFigures figures = new HourlyFigures();
    figures.influencerId = influencer;
    figures.hourStart = hourStart;
    figures.clicks = clicks;
    figures.conversions = conversions;
    figures.socialEngagement = social;
    return figures;
  }

  static EngagementWindow hourRow(
      String campaign,
      String influencer,
      long hourStart,
      boolean isFinal,
      long clicks,
      long conversions,
      long likes,
      long commission) {
    return EngagementWindow.newBuilder()
        .setCampaignId(campaign)
        .setInfluencerId(influencer)
        .setGranularity(WindowGranularity.HOUR)
        .setWindowStart(Instant.ofEpochMilli(hourStart))
        .setWindowEnd(Instant.ofEpochMilli(hourStart + HOUR))
        .setIsFinal(isFinal)
        .setClicks(clicks)
        .setUniqueVisitors(clicks)
        .setBotClicks(0)
        .setConversionCount(conversions)
        .setRefunds(0)
        .setRevenueMinor(commission * 10)
        .setCommissionMinor(commission)
        .setCurrency(commission == 0 ? null : "KES")
        .setFollowersDelta(0)
        .setViewsDelta(0)
        .setLikesDelta(likes)
        .setCommentsDelta(0)
        .setSharesDelta(0)
        .setReachDelta(0)
        .setEngagementRate(null)
        .setUpdatedAt(Instant.ofEpochMilli(hourStart + HOUR))
        .build();
  }

  static EngagementWindow minuteRow(String campaign, String influencer, long start) {
    return EngagementWindow.newBuilder(hourRow(campaign, influencer, start, false, 1, 0, 0, 0))
        .setGranularity(WindowGranularity.MINUTE)
        .setWindowEnd(Instant.ofEpochMilli(start + 60_000))
        .build();
  }

  static AttributedConversion promoOrder(
      String campaign, String orderId, String influencer, String code, long orderTime) {
    return AttributedConversion.newBuilder()
        .setStoreId("store-1")
        .setOrderId(orderId)
        .setBrandId("brand-1")
        .setCampaignId(campaign)
        .setMethod(AttributionMethod.PROMO_CODE)
        .setAttributionModel(AttributionModel.LAST_CLICK)
        .setPromoCode(code)
        .setCurrency("KES")
        .setOrderAmountMinor(10_000)
        .setRefundedAmountMinor(0)
        .setNetAmountMinor(10_000)
        .setCommissionMinor(1_000)
        .setCancelled(false)
        .setCredits(
            List.of(
                InfluencerCredit.newBuilder()
                    .setInfluencerId(influencer)
                    .setLinkId("link-" + influencer)
                    .setSharePpm(1_000_000)
                    .setRevenueMinor(10_000)
                    .setCommissionMinor(1_000)
                    .build()))
        .setBillable(true)
        .setOrderTime(Instant.ofEpochMilli(orderTime))
        .setUpdatedAt(Instant.ofEpochMilli(orderTime))
        .setRevision(1)
        .build();
  }

  static ReferralLink link(String campaign, String influencer, Long startsAt, Long endsAt) {
    return ReferralLink.newBuilder()
        .setLinkId("link-" + influencer)
        .setSlug(influencer + "-" + campaign)
        .setCampaignId(campaign)
        .setInfluencerId(influencer)
        .setBrandId("brand-1")
        .setDestinationUrl("https://shop.example/p")
        .setPromoCode(influencer.toUpperCase() + "25")
        .setStatus(LinkStatus.ACTIVE)
        .setCampaignStartsAt(startsAt == null ? null : Instant.ofEpochMilli(startsAt))
        .setCampaignEndsAt(endsAt == null ? null : Instant.ofEpochMilli(endsAt))
        .setCommissionType(CommissionType.PERCENTAGE)
        .setCommissionPercentBps(1_000)
        .setCommissionFixedMinor(0)
        .setCommissionCurrency("KES")
        .setUpdatedAt(Instant.ofEpochMilli(startsAt == null ? DAY0 : startsAt))
        .build();
  }
}
