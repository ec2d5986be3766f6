package io.influmeter.api.campaigns;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A campaign as stored. Money in minor units of {@code currency}. */
public record Campaign(
    UUID id,
    UUID brandId,
    CampaignTerms terms,
    CampaignStatus status,
    String rejectionReason,
    Instant submittedAt,
    Instant decidedAt,
    UUID decidedBy,
    Instant closedAt,
    Instant createdAt,
    Instant updatedAt,
    int version) {

  public Campaign withStatus(CampaignStatus newStatus, Instant now) {
    return new Campaign(
        id,
        brandId,
        terms,
        newStatus,
        rejectionReason,
        submittedAt,
        decidedAt,
        decidedBy,
        closedAt,
        createdAt,
        now,
        version);
  }

  /**
   * The terms the brand sets: everything an edit may touch.
   *
   * @param utmTemplate utm_* parameter name to value
   */
  public record CampaignTerms(
      String name,
      String brief,
      String objective,
      long budgetMinor,
      String currency,
      Instant startsAt,
      Instant endsAt,
      Commission commission,
      int attributionLookbackDays,
      String attributionModel,
      TargetFilters targetFilters,
      String landingUrl,
      String fallbackUrl,
      Map<String, String> utmTemplate,
      boolean allowUtmPassthrough) {}
}
