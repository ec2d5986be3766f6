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

  private final UUID linkId;
  private final String influencerId;
  private final Campaign campaign;
  private final LinkStatus status;

  private Link(UUID linkId, String influencerId, Campaign campaign, LinkStatus status) {
    this.linkId = linkId;
    this.influencerId = influencerId;
    this.campaign = campaign;
    this.status = status;
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
    return linkId;
  }

  public String influencerId() {
    return influencerId;
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
