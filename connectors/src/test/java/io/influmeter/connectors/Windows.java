package io.influmeter.connectors;

import io.influmeter.events.EngagementWindow;
import io.influmeter.events.WindowGranularity;
import java.time.Instant;

/** Sample engagement windows for the sink tests: one campaign, one minute window. */
final class Windows {

  static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

  private Windows() {}

  static EngagementWindow sample(String influencer, long clicks, boolean last) {
    return EngagementWindow.newBuilder()
        .setCampaignId("campaign-1")
        .setInfluencerId(influencer)
        .setGranularity(WindowGranularity.MINUTE)
        .setWindowStart(START)
        .setWindowEnd(START.plusSeconds(60))
        .setIsFinal(last)
        .setClicks(clicks)
        .setUniqueVisitors(clicks)
        .setBotClicks(0)
        .setConversionCount(1)
        .setRefunds(0)
        .setRevenueMinor(250_000)
        .setCommissionMinor(25_000)
        .setCurrency("KES")
        .setFollowersDelta(0)
        .setViewsDelta(100)
        .setLikesDelta(10)
        .setCommentsDelta(2)
        .setSharesDelta(1)
        .setReachDelta(0)
        .setEngagementRate(0.13)
        .setUpdatedAt(START.plusSeconds(61))
        .build();
  }
}
