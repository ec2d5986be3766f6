package io.influmeter.local.demo;

import java.util.List;
import java.util.UUID;

/**
 * What seeding produced (or found): the brand's sign-in, its approved campaign, the accepted
 * influencers' links and codes, and the store with a signing secret that is valid now.
 */
public record DemoWorld(
    String brandEmail,
    String brandPassword,
    UUID campaignId,
    String currency,
    long commissionBasisPoints,
    List<Link> links,
    Store store) {

  public DemoWorld {
    links = List.copyOf(links);
  }

  /** An accepted participant's referral link and promo code. */
  public record Link(UUID linkId, UUID influencerId, String slug, String promoCode) {}

  /**
   * The brand's store as ingest knows it.
   *
   * @param webhookPath ingest's path for the store's webhooks ({@code /webhooks/shopify/<id>})
   * @param signingSecret the current secret (shown by the API at registration or rotation only)
   */
  public record Store(UUID id, String webhookPath, String signingSecret) {
    @Override
    public String toString() {
      return "Store[id=" + id + ", webhookPath=" + webhookPath + "]";
    }
  }
}
