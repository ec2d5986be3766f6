package io.influmeter.api.campaigns;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Bodies of the campaign routes. Money travels as decimal strings, never JSON numbers. */
public final class CampaignRequests {
  private CampaignRequests() {}

  /**
   * A campaign's terms: complete on create; on edit a null member stays as it is and an empty
   * {@code fallbackUrl} clears it.
   *
   * @param budget decimal string in {@code currency}, e.g. "1500.00"
   * @param version on edit, the version the client last read (optional; a stale one gives 409)
   */
  public record CampaignInput(
      String name,
      String brief,
      String objective,
      String budget,
      String currency,
      Instant startsAt,
      Instant endsAt,
      CommissionInput commission,
      Integer attributionLookbackDays,
      String attributionModel,
      TargetFilters targetFilters,
      String landingUrl,
      String fallbackUrl,
      Map<String, String> utmTemplate,
      Boolean allowUtmPassthrough,
      Integer version) {}

  /**
   * @param type PERCENTAGE or FIXED
   * @param percent for PERCENTAGE: decimal string in (0, 100], at most 2 decimals
   * @param amount for FIXED: decimal string in the campaign's currency
   */
  public record CommissionInput(String type, String percent, String amount) {}

  public record Reject(String reason) {}

  public record Invite(UUID influencerId) {}

  public record Rebook(UUID fromCampaignId) {}
}
