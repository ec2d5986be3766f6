package io.influmeter.api.campaigns;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.auth.Principal;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.notifications.NotificationKind;
import io.influmeter.api.notifications.NotificationOutbox;
import io.influmeter.api.participants.ParticipantRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The brand's side of participation: invite an influencer, withdraw an invitation, list
 * participants, and rebook a past campaign's influencers. Answering invitations is the influencer's
 * side (not here).
 */
public final class InvitationService {
  /** Influencers can only be brought into a campaign an admin approved that has not ended. */
  private static final Set<CampaignStatus> OPEN =
      EnumSet.of(CampaignStatus.APPROVED, CampaignStatus.ACTIVE);

  /** Rebooking draws on campaigns whose influencers have actually worked on them. */
  private static final Set<CampaignStatus> REBOOKABLE =
      EnumSet.of(CampaignStatus.ACTIVE, CampaignStatus.COMPLETED);

  private final DSLContext dsl;
  private final Clock clock;
  private final ObjectMapper json;
  private final NotificationOutbox outbox;
  private final CampaignSweeper sweeper;

  public InvitationService(
      DSLContext dsl,
      Clock clock,
      ObjectMapper json,
      NotificationOutbox outbox,
      CampaignSweeper sweeper) {
    this.dsl = dsl;
    this.clock = clock;
    this.json = json;
    this.outbox = outbox;
    this.sweeper = sweeper;
  }

  public record ParticipantList(List<ParticipantRepository.Listed> participants) {}

  public record Skipped(UUID influencerId, String reason) {}

  public record RebookResult(List<UUID> invited, List<Skipped> skipped) {}

  public ParticipantRepository.Listed invite(
      Principal brand, UUID campaignId, UUID influencerId, String clientIp) {
    if (influencerId == null) {
      throw ApiException.validation(
          List.of(new ApiException.FieldError("influencerId", "is required")));
    }
    sweeper.sweep(campaignId);
    Instant now = clock.instant();
    return dsl.transactionResult(
        tx -> {
          var tdsl = DSL.using(tx);
          var participants = new ParticipantRepository(tdsl);
          Campaign campaign = open(tdsl, brand, campaignId);
          if (!new InvitationLookups(tdsl).activeInfluencer(influencerId)) {
            throw ApiException.validation(
                List.of(
                    new ApiException.FieldError("influencerId", "is not an active influencer")));
          }
          if (!participants.invite(campaignId, influencerId, now)) {
            String status =
                participants.findListed(campaignId, influencerId).orElseThrow().status();
            throw ApiException.conflict(
                "already-participant",
                "This influencer already takes part in the campaign (status " + status + ").");
          }
          var invited = participants.findListed(campaignId, influencerId).orElseThrow();
          announce(tdsl, campaign, influencerId);
          CampaignService.audit(
              tdsl,
              json,
              brand,
              "campaign.invitation-created",
              campaignId,
              null,
              invited,
              clientIp,
              now);
          return invited;
        });
  }

  public ParticipantRepository.Listed withdraw(
      Principal brand, UUID campaignId, UUID influencerId, String clientIp) {
    Instant now = clock.instant();
    return dsl.transactionResult(
        tx -> {
          var tdsl = DSL.using(tx);
          var participants = new ParticipantRepository(tdsl);
          CampaignService.owned(new CampaignRepository(tdsl, json), brand, campaignId);
          var before =
              participants.findListed(campaignId, influencerId).orElseThrow(ApiException::notFound);
          if (!participants.withdraw(campaignId, influencerId, now)) {
            throw ApiException.conflict(
                "invitation-not-pending",
                "Only a pending invitation can be withdrawn; this one is " + before.status() + ".");
          }
          var after = participants.findListed(campaignId, influencerId).orElseThrow();
          CampaignService.audit(
              tdsl,
              json,
              brand,
              "campaign.invitation-withdrawn",
              campaignId,
              before,
              after,
              clientIp,
              now);
          return after;
        });
  }

  public ParticipantList participants(Principal brand, UUID campaignId) {
    CampaignService.owned(new CampaignRepository(dsl, json), brand, campaignId);
    return new ParticipantList(new ParticipantRepository(dsl).list(campaignId));
  }

  /**
   * Invites every ACCEPTED influencer of {@code fromId} into {@code toId}, all or nothing in one
   * transaction. Those already in the target campaign (in any status) or no longer active are
   * skipped and listed with the reason.
   */
  public RebookResult rebook(Principal brand, UUID toId, UUID fromId, String clientIp) {
    if (fromId == null) {
      throw ApiException.validation(
          List.of(new ApiException.FieldError("fromCampaignId", "is required")));
    }
    if (fromId.equals(toId)) {
      throw ApiException.validation(
          List.of(new ApiException.FieldError("fromCampaignId", "must be another campaign")));
    }
    sweeper.sweep(toId);
    sweeper.sweep(fromId);
    Instant now = clock.instant();
    return dsl.transactionResult(
        tx -> {
          var tdsl = DSL.using(tx);
          var participants = new ParticipantRepository(tdsl);
          Campaign target = open(tdsl, brand, toId);
          Campaign source =
              CampaignService.owned(new CampaignRepository(tdsl, json), brand, fromId);
          if (!REBOOKABLE.contains(source.status())) {
            throw ApiException.conflict(
                "campaign-not-rebookable",
                "Only an ACTIVE or COMPLETED campaign can be rebooked from; that one is "
                    + source.status()
                    + ".");
          }
          var lookups = new InvitationLookups(tdsl);
          List<UUID> invited = new ArrayList<>();
          List<Skipped> skipped = new ArrayList<>();
          for (UUID influencer : participants.accepted(fromId)) {
            if (!lookups.activeInfluencer(influencer)) {
              skipped.add(new Skipped(influencer, "not an active influencer"));
            } else if (participants.invite(toId, influencer, now)) {
              invited.add(influencer);
              announce(tdsl, target, influencer);
            } else {
              skipped.add(new Skipped(influencer, "already in the campaign"));
            }
          }
          var result = new RebookResult(List.copyOf(invited), List.copyOf(skipped));
          CampaignService.audit(
              tdsl,
              json,
              brand,
              "campaign.rebooked",
              toId,
              Map.of("fromCampaignId", fromId.toString()),
              result,
              clientIp,
              now);
          return result;
        });
  }

  /** The brand's own campaign, which must be open for new participants (409 otherwise). */
  private Campaign open(DSLContext tdsl, Principal brand, UUID campaignId) {
    Campaign campaign =
        CampaignService.owned(new CampaignRepository(tdsl, json), brand, campaignId);
    if (!OPEN.contains(campaign.status())) {
      throw ApiException.conflict(
          "campaign-not-open",
          "Influencers can be invited only to an APPROVED or ACTIVE campaign; this one is "
              + campaign.status()
              + ".");
    }
    return campaign;
  }

  private void announce(DSLContext tdsl, Campaign campaign, UUID influencerId) {
    var facts = new java.util.LinkedHashMap<String, String>();
    facts.put("campaignId", campaign.id().toString());
    facts.put("campaignName", campaign.terms().name());
    facts.put("brandName", new InvitationLookups(tdsl).brandName(campaign.brandId()));
    outbox.enqueue(tdsl, influencerId, NotificationKind.INVITATION, facts);
  }
}
