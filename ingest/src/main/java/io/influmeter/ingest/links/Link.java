package io.influmeter.ingest.links;

import io.influmeter.events.LinkStatus;
import io.influmeter.events.ReferralLink;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One referral link as the redirect needs it, kept small: a table holds millions of them. What the
 * links of one campaign share (campaign, brand, destination, UTM, dates) lives in one interned
 * {@link Campaign}; a link adds only its own ids and status.
 */
public final class Link {

  // Interning by value: the thousands of links of a campaign point at one Campaign instance.
  private static final Map<Campaign, Campaign> CAMPAIGNS = new ConcurrentHashMap<>();

  // Ids are kept as raw longs, not UUID or String objects: 32 bytes instead of about 110 per id.
  private final long linkIdHigh;
  private final long linkIdLow;
  private final long influencerIdHigh;
  private final long influencerIdLow;
  // Only for an influencer id that is not a canonical lower-case UUID; null otherwise.
  private final String influencerIdText;
  private final Campaign campaign;
  private final LinkStatus status;

  private Link(UUID linkId, String influencerId, Campaign campaign, LinkStatus status) {
    this.linkIdHigh = linkId.getMostSignificantBits();
    this.linkIdLow = linkId.getLeastSignificantBits();
    UUID influencer = canonicalUuid(influencerId);
    this.influencerIdHigh = influencer == null ? 0 : influencer.getMostSignificantBits();
    this.influencerIdLow = influencer == null ? 0 : influencer.getLeastSignificantBits();
    this.influencerIdText = influencer == null ? influencerId : null;
    this.campaign = campaign;
    this.status = status;
  }

  private static UUID canonicalUuid(String text) {
    try {
      UUID uuid = UUID.fromString(text);
      return uuid.toString().equals(text) ? uuid : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The compact form of a link record.
   *
   * @throws IllegalArgumentException when the link id is not a UUID or a URL is not an absolute
   *     http(s) URL: such a link must never become a redirect target
   */
  public static Link of(ReferralLink record) {
    UUID linkId = UUID.fromString(record.getLinkId());
    Campaign campaign =
        new Campaign(
            record.getCampaignId(),
            record.getBrandId(),
            requireWebUrl(record.getDestinationUrl()),
            record.getFallbackUrl() == null ? null : requireWebUrl(record.getFallbackUrl()),
            UtmParameters.of(record.getUtm()),
            record.getAllowUtmPassthrough(),
            record.getCampaignStartsAt() == null
                ? Long.MIN_VALUE
                : record.getCampaignStartsAt().toEpochMilli(),
            record.getCampaignEndsAt() == null
                ? Long.MAX_VALUE
                : record.getCampaignEndsAt().toEpochMilli());
    Campaign shared = CAMPAIGNS.computeIfAbsent(campaign, c -> c);
    return new Link(linkId, record.getInfluencerId(), shared, record.getStatus());
  }

  static String requireWebUrl(String url) {
    URI uri = URI.create(url);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
      throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
    }
    return url;
  }

  public UUID linkId() {
    return new UUID(linkIdHigh, linkIdLow);
  }

  public String influencerId() {
    return influencerIdText != null
        ? influencerIdText
        : new UUID(influencerIdHigh, influencerIdLow).toString();
  }

  public String campaignId() {
    return campaign.campaignId();
  }

  public String brandId() {
    return campaign.brandId();
  }

  public String destinationUrl() {
    return campaign.destinationUrl();
  }

  public Optional<String> fallbackUrl() {
    return Optional.ofNullable(campaign.fallbackUrl());
  }

  public UtmParameters utm() {
    return campaign.utm();
  }

  public boolean allowsUtmPassthrough() {
    return campaign.allowUtmPassthrough();
  }

  /** True when the link is active and its campaign runs at {@code now}. */
  public boolean redirectsAt(Instant now) {
    long millis = now.toEpochMilli();
    return status == LinkStatus.ACTIVE
        && millis >= campaign.startsAtMillis()
        && millis < campaign.endsAtMillis();
  }

  public LinkStatus status() {
    return status;
  }

  private record Campaign(
      String campaignId,
      String brandId,
      String destinationUrl,
      String fallbackUrl,
      UtmParameters utm,
      boolean allowUtmPassthrough,
      long startsAtMillis,
      long endsAtMillis) {}
}
