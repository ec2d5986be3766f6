package io.influmeter.api.referrals;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A referral link and promo code as its influencer and its brand see them.
 *
 * @param shareUrl what the influencer shares: ingest's {@code /go/<slug>}
 * @param utm the UTM parameters ingest appends to the destination
 */
public record ReferralLinkView(
    UUID id,
    UUID campaignId,
    String campaignName,
    UUID influencerId,
    UUID brandId,
    String slug,
    String shareUrl,
    String promoCode,
    String destinationUrl,
    Map<String, String> utm,
    LinkStatus status,
    Instant createdAt,
    Instant updatedAt) {}
