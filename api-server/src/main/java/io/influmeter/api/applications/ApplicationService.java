package io.influmeter.api.applications;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.audit.AuditLog;
import io.influmeter.api.auth.Principal;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.http.Validation;
import io.influmeter.api.influencers.CampaignCatalog;
import io.influmeter.api.influencers.DiscoverService;
import io.influmeter.api.influencers.OpenCampaign;
import io.influmeter.api.notifications.NotificationKind;
import io.influmeter.api.notifications.NotificationOutbox;
import io.influmeter.api.participants.ParticipantRepository;
import io.influmeter.api.referrals.ReferralLinkService;
import io.influmeter.api.referrals.ReferralLinkView;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Applications and invitations, both sides: an influencer applies to a campaign they qualify for
 * and may withdraw while it is pending; the brand accepts or declines. An invited influencer
 * accepts or declines. Accepting (either way) creates the referral link and promo code in the same
 * transaction; the brand's decision on an application queues the e-mail to the influencer.
 */
public final class ApplicationService {
  private final DSLContext dsl;
  private final Clock clock;
  private final ObjectMapper json;
  private final ReferralLinkService links;
  private final NotificationOutbox notifications;

  public ApplicationService(
      DSLContext dsl,
      Clock clock,
      ObjectMapper json,
      ReferralLinkService links,
      NotificationOutbox notifications) {
    this.dsl = dsl;
    this.clock = clock;
    this.json = json;
    this.links = links;
    this.notifications = notifications;
  }

  /** 404 unless the campaign is open and targets the caller; 409 if they are already in it. */
  public Participation apply(
      Principal influencer, UUID campaignId, Participation.Apply body, String clientIp) {
    new Validation()
        .required("pitch", body.pitch())
        .length("pitch", body.pitch(), 1, 2000)
        .throwIfInvalid();
    return inTransaction(
        tx -> {
          Instant now = clock.instant();
          DiscoverService.qualifiedCampaign(tx, influencer.userId(), campaignId, now);
          var participants = new ParticipantRepository(tx);
          if (!participants.insertApplication(
              campaignId, influencer.userId(), body.pitch().strip(), now)) {
            throw ApiException.conflict(
                "already-participating",
                "You have already applied to, been invited to or left this campaign.");
          }
          var created = participants.find(campaignId, influencer.userId()).orElseThrow();
          audit(tx, influencer.userId(), "application.created", created, null, clientIp, now);
          return Participation.of(created, null);
        });
  }

  /** Withdraws a pending application. */
  public Participation withdraw(Principal influencer, UUID campaignId, String clientIp) {
    return inTransaction(
        tx -> {
          var participants = new ParticipantRepository(tx);
          var row =
              participants
                  .findForUpdate(campaignId, influencer.userId())
                  .filter(p -> p.origin().equals("APPLICATION"))
                  .orElseThrow(ApiException::notFound);
          requireStatus(row, "APPLIED", "Only a pending application can be withdrawn.");
          return transition(tx, influencer.userId(), row, "WITHDRAWN", false, clientIp);
        });
  }

  /** The brand accepts or declines an application to one of its campaigns. */
  public Participation decideApplication(
      Principal brand, UUID campaignId, UUID influencerId, boolean accept, String clientIp) {
    return inTransaction(
        tx -> {
          var catalog = new CampaignCatalog(tx);
          UUID owner = catalog.brandOf(campaignId).orElseThrow(ApiException::notFound);
          if (!owner.equals(brand.userId())) {
            throw ApiException.notFound();
          }
          var row =
              new ParticipantRepository(tx)
                  .findForUpdate(campaignId, influencerId)
                  .filter(p -> p.origin().equals("APPLICATION"))
                  .orElseThrow(ApiException::notFound);
          requireStatus(row, "APPLIED", "This application has already been decided or withdrawn.");
          OpenCampaign campaign = catalog.find(campaignId).orElseThrow();
          if (accept) {
            requireOpen(campaign);
          }
          Participation result =
              transition(tx, brand.userId(), row, accept ? "ACCEPTED" : "DECLINED", true, clientIp);
          notifications.enqueue(
              tx,
              influencerId,
              accept
                  ? NotificationKind.APPLICATION_ACCEPTED
                  : NotificationKind.APPLICATION_DECLINED,
              Map.of("campaignId", campaignId.toString(), "campaignName", campaign.name()));
          return result;
        });
  }

  /** Open invitations of the caller to campaigns that are still open. */
  public List<Participation.Invitation> invitations(Principal influencer) {
    Instant now = clock.instant();
    var catalog = new CampaignCatalog(dsl);
    return new ParticipantRepository(dsl)
        .withStatus(influencer.userId(), "INVITED").stream()
            .flatMap(
                p ->
                    catalog
                        .findOpen(p.campaignId(), now)
                        .map(
                            c ->
                                new Participation.Invitation(
                                    c.withParticipation("INVITED"), p.createdAt()))
                        .stream())
            .toList();
  }

  /** The invited influencer accepts or declines. */
  public Participation answerInvitation(
      Principal influencer, UUID campaignId, boolean accept, String clientIp) {
    return inTransaction(
        tx -> {
          var row =
              new ParticipantRepository(tx)
                  .findForUpdate(campaignId, influencer.userId())
                  .filter(p -> p.origin().equals("INVITATION"))
                  .orElseThrow(ApiException::notFound);
          requireStatus(row, "INVITED", "This invitation has already been answered or withdrawn.");
          if (accept) {
            requireOpen(new CampaignCatalog(tx).find(campaignId).orElseThrow());
          }
          return transition(
              tx, influencer.userId(), row, accept ? "ACCEPTED" : "DECLINED", true, clientIp);
        });
  }

  private Participation transition(
      DSLContext tx,
      UUID actor,
      ParticipantRepository.Participant row,
      String status,
      boolean decision,
      String clientIp) {
    Instant now = clock.instant();
    var participants = new ParticipantRepository(tx);
    participants.setStatus(row.id(), status, decision, now);
    var after = participants.find(row.campaignId(), row.influencerId()).orElseThrow();
    audit(
        tx,
        actor,
        "participant." + status.toLowerCase(java.util.Locale.ROOT),
        after,
        row,
        clientIp,
        now);
    ReferralLinkView link =
        status.equals("ACCEPTED")
            ? links.createForParticipant(tx, row.campaignId(), row.influencerId(), actor, clientIp)
            : null;
    return Participation.of(after, link);
  }

  private static void requireStatus(
      ParticipantRepository.Participant row, String status, String detail) {
    if (!row.status().equals(status)) {
      throw ApiException.conflict("wrong-participant-status", detail);
    }
  }

  private void requireOpen(OpenCampaign campaign) {
    boolean open =
        CampaignCatalog.OPEN_STATUSES.contains(campaign.status())
            && campaign.endsAt().isAfter(clock.instant());
    if (!open) {
      throw ApiException.conflict(
          "campaign-not-open", "The campaign is not approved, active and running.");
    }
  }

  private void audit(
      DSLContext tx,
      UUID actor,
      String action,
      ParticipantRepository.Participant after,
      ParticipantRepository.Participant before,
      String clientIp,
      Instant now) {
    new AuditLog(tx, json)
        .record(
            new AuditLog.Change(
                actor,
                action,
                "campaign_participant",
                after.id().toString(),
                Optional.ofNullable(before).map(b -> Participation.of(b, null)).orElse(null),
                Participation.of(after, null),
                clientIp),
            now);
  }

  private <T> T inTransaction(java.util.function.Function<DSLContext, T> work) {
    return dsl.transactionResult(configuration -> work.apply(DSL.using(configuration)));
  }
}
