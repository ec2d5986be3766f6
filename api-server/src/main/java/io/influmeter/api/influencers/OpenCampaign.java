package io.influmeter.api.influencers;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A campaign as influencers see it in Discover and their invitations: what it is about and what it
 * pays. Budget and targeting stay with the brand.
 *
 * @param participation the caller's place in it (INVITED, APPLIED, ...), absent when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenCampaign(
    UUID id,
    UUID brandId,
    String brandName,
    String name,
    String brief,
    String objective,
    String status,
    Instant startsAt,
    Instant endsAt,
    String currency,
    String commissionType,
    BigDecimal commissionPercent,
    Long commissionFixedMinor,
    String participation,
    @JsonIgnore TargetFilters targetFilters) {

  public OpenCampaign withParticipation(String status) {
    return new OpenCampaign(
        id,
        brandId,
        brandName,
        name,
        brief,
        objective,
        this.status,
        startsAt,
        endsAt,
        currency,
        commissionType,
        commissionPercent,
        commissionFixedMinor,
        status,
        targetFilters);
  }
}
