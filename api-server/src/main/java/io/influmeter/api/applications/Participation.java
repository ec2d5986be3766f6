package io.influmeter.api.applications;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.influmeter.api.influencers.OpenCampaign;
import io.influmeter.api.participants.ParticipantRepository;
import io.influmeter.api.referrals.ReferralLinkView;
import java.time.Instant;
import java.util.UUID;

/**
 * An influencer's place in a campaign, as both sides see it after a change.
 *
 * @param link the referral link and promo code, once accepted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Participation(
    UUID campaignId,
    UUID influencerId,
    String origin,
    String status,
    String pitch,
    Instant createdAt,
    Instant decidedAt,
    ReferralLinkView link) {

  static Participation of(ParticipantRepository.Participant p, ReferralLinkView link) {
    return new Participation(
        p.campaignId(),
        p.influencerId(),
        p.origin(),
        p.status(),
        p.pitch(),
        p.createdAt(),
        p.decidedAt(),
        link);
  }

  /** An open invitation with the campaign it is for. */
  public record Invitation(OpenCampaign campaign, Instant invitedAt) {}

  /** The body of an application. */
  public record Apply(String pitch) {}
}
