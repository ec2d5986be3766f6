package io.influmeter.jobs.engagement;

import java.util.Arrays;
import java.util.Objects;

/**
 * One event's additive contribution to one engagement row (campaign x influencer, or influencer
 * overall with campaign {@code "*"}): a click, a change of an attributed order, or the difference
 * between two successive social snapshots. A Flink POJO (public fields, no-argument constructor) so
 * it is serialized by Flink's POJO serializer, never Kryo.
 */
public class EngagementContribution {

  /** Campaign of the row, or {@link EngagementWindowFunction#ALL_CAMPAIGNS} for the overall row. */
  public String campaignId;

  public String influencerId;

  /** Event time in epoch milliseconds: picks the tumbling windows this contribution lands in. */
  public long eventTime;

  public long clicks;
  public long botClicks;

  /** Visitor of a human click (the first-party id, else the IP/UA hash); null for anything else. */
  public String visitorId;

  /**
   * Distinct visitor hashes ({@link VisitorHashes#of}) of several human clicks summed into one
   * contribution ({@link ClickPreAggregator}); null otherwise.
   */
  public long[] visitorHashes;

  public long conversions;
  public long refunds;
  public long revenueMinor;
  public long commissionMinor;

  /** ISO 4217 currency of the money fields; null when the contribution carries no money. */
  public String currency;

  public long followersDelta;
  public long viewsDelta;
  public long likesDelta;
  public long commentsDelta;
  public long sharesDelta;
  public long reachDelta;

  /** True when the platform reports views (the engagement-rate denominator is then views). */
  public boolean viewsReported;

  /** True when the platform reports reach (the fallback denominator). */
  public boolean reachReported;

  public EngagementContribution() {}

  /** A contribution with no counts yet, for one row and event time. */
  public static EngagementContribution of(String campaignId, String influencerId, long eventTime) {
    EngagementContribution contribution = new EngagementContribution();
    contribution.campaignId = campaignId;
    contribution.influencerId = influencerId;
    contribution.eventTime = eventTime;
    return contribution;
  }

  /** The same counts for another row (campaign x influencer -> influencer overall). */
  public EngagementContribution forCampaign(String otherCampaignId) {
    EngagementContribution copy = copy();
    copy.campaignId = otherCampaignId;
    return copy;
  }

  /** True when the contribution carries money (revenue or commission). */
  public boolean hasMoney() {
    return revenueMinor != 0 || commissionMinor != 0 || currency != null;
  }

  /** The key of the row this contribution belongs to: {@code campaignId:influencerId}. */
  public String rowKey() {
    return campaignId + ":" + influencerId;
  }

  EngagementContribution copy() {
    EngagementContribution copy = new EngagementContribution();
    copy.campaignId = campaignId;
    copy.influencerId = influencerId;
    copy.eventTime = eventTime;
    copy.clicks = clicks;
    copy.botClicks = botClicks;
    copy.visitorId = visitorId;
    copy.visitorHashes = visitorHashes == null ? null : visitorHashes.clone();
    copy.conversions = conversions;
    copy.refunds = refunds;
    copy.revenueMinor = revenueMinor;
    copy.commissionMinor = commissionMinor;
    copy.currency = currency;
    copy.followersDelta = followersDelta;
    copy.viewsDelta = viewsDelta;
    copy.likesDelta = likesDelta;
    copy.commentsDelta = commentsDelta;
    copy.sharesDelta = sharesDelta;
    copy.reachDelta = reachDelta;
    copy.viewsReported = viewsReported;
    copy.reachReported = reachReported;
    return copy;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof EngagementContribution that)) {
      return false;
    }
    return eventTime == that.eventTime
        && clicks == that.clicks
        && botClicks == that.botClicks
        && conversions == that.conversions
        && refunds == that.refunds
        && revenueMinor == that.revenueMinor
        && commissionMinor == that.commissionMinor
        && followersDelta == that.followersDelta
        && viewsDelta == that.viewsDelta
        && likesDelta == that.likesDelta
        && commentsDelta == that.commentsDelta
        && sharesDelta == that.sharesDelta
        && reachDelta == that.reachDelta
        && viewsReported == that.viewsReported
        && reachReported == that.reachReported
        && Objects.equals(campaignId, that.campaignId)
        && Objects.equals(influencerId, that.influencerId)
        && Objects.equals(visitorId, that.visitorId)
        && Arrays.equals(visitorHashes, that.visitorHashes)
        && Objects.equals(currency, that.currency);
  }

  @Override
  public int hashCode() {
    return Objects.hash(campaignId, influencerId, eventTime, visitorId, clicks, revenueMinor);
  }

  @Override
  public String toString() {
    return "EngagementContribution{"
        + rowKey()
        + " @"
        + eventTime
        + " clicks="
        + clicks
        + " bots="
        + botClicks
        + " visitor="
        + visitorId
        + (visitorHashes == null ? "" : " visitorHashes=" + visitorHashes.length)
        + " conversions="
        + conversions
        + " refunds="
        + refunds
        + " revenue="
        + revenueMinor
        + " commission="
        + commissionMinor
        + " "
        + currency
        + " followers="
        + followersDelta
        + " views="
        + viewsDelta
        + " likes="
        + likesDelta
        + " comments="
        + commentsDelta
        + " shares="
        + sharesDelta
        + " reach="
        + reachDelta
        + "}";
  }
}
