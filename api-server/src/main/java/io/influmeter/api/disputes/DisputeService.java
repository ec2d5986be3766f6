package io.influmeter.api.disputes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.audit.AuditLog;
import io.influmeter.api.auth.Principal;
import io.influmeter.api.auth.Role;
import io.influmeter.api.content.ContentRecords.CampaignRef;
import io.influmeter.api.content.ContentRepository;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.http.Validation;
import io.influmeter.api.notifications.NotificationKind;
import io.influmeter.api.notifications.NotificationOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Disputes: a campaign's brand or one of its accepted influencers opens one, both parties see it,
 * an admin resolves it (audited, both parties notified in the same transaction).
 */
public final class DisputeService {
  private final DSLContext dsl;
  private final Clock clock;
  private final NotificationOutbox outbox;
  private final ObjectMapper json;

  public DisputeService(DSLContext dsl, Clock clock, NotificationOutbox outbox, ObjectMapper json) {
    this.dsl = dsl;
    this.clock = clock;
    this.outbox = outbox;
    this.json = json;
  }

  public Dispute open(Principal principal, DisputeRequests.Open request) {
    var validation = new Validation();
    validation.required("campaignId", request.campaignId());
    validation.required("subject", request.subject());
    validation.check(
        request.subject() == null || isOneOf(request.subject(), Dispute.Subject.values()),
        "subject",
        "must be CONVERSION, PAYOUT or CONTENT");
    validation.required("reference", request.reference());
    validation.length("reference", request.reference(), 1, 200);
    validation.required("description", request.description());
    validation.length("description", request.description(), 1, 5000);
    if (principal.role() == Role.BRAND) {
      validation.required("influencerId", request.influencerId());
    }
    validation.throwIfInvalid();
    var content = new ContentRepository(dsl);
    CampaignRef campaign =
        content.campaign(request.campaignId()).orElseThrow(ApiException::notFound);
    UUID influencerId =
        principal.role() == Role.BRAND ? request.influencerId() : principal.userId();
    boolean party =
        principal.role() == Role.BRAND
            ? campaign.brandId().equals(principal.userId())
            : content.acceptedParticipant(campaign.id(), principal.userId());
    if (!party) {
      throw ApiException.notFound();
    }
    // Checked after the party check, so outsiders learn nothing about the campaign.
    if (principal.role() == Role.INFLUENCER
        && request.influencerId() != null
        && !request.influencerId().equals(principal.userId())) {
      throw ApiException.validation(
          java.util.List.of(
              new ApiException.FieldError(
                  "influencerId",
                  "is only for brands (an influencer's other party is the campaign's brand)")));
    }
    if (!content.acceptedParticipant(campaign.id(), influencerId)) {
      throw ApiException.validation(
          java.util.List.of(
              new ApiException.FieldError(
                  "influencerId", "is not an accepted influencer of this campaign")));
    }
    var dispute =
        new Dispute(
            UUID.randomUUID(),
            campaign.id(),
            principal.userId(),
            campaign.brandId(),
            influencerId,
            request.subject(),
            request.reference().strip(),
            request.description().strip(),
            "OPEN",
            null,
            null,
            null,
            null,
            clock.instant());
    new DisputeRepository(dsl).insert(dispute);
    return dispute;
  }

  public DisputeRequests.DisputeList mine(Principal principal, int limit, int offset) {
    return new DisputeRequests.DisputeList(
        new DisputeRepository(dsl).ofParty(principal.userId(), limit, offset));
  }

  public DisputeRequests.DisputeList all(String status, int limit, int offset) {
    if (status != null && !status.equals("OPEN") && !status.equals("RESOLVED")) {
      throw ApiException.validation(
          java.util.List.of(new ApiException.FieldError("status", "must be OPEN or RESOLVED")));
    }
    return new DisputeRequests.DisputeList(new DisputeRepository(dsl).all(status, limit, offset));
  }

  public Dispute resolve(
      Principal admin, UUID id, DisputeRequests.Resolve request, String clientIp) {
    new Validation()
        .required("outcome", request.outcome())
        .check(
            request.outcome() == null || isOneOf(request.outcome(), Dispute.Outcome.values()),
            "outcome",
            "must be UPHELD or REJECTED")
        .required("note", request.note())
        .length("note", request.note(), 1, 5000)
        .throwIfInvalid();
    Instant now = clock.instant();
    return dsl.transactionResult(
        tx -> {
          var tdsl = DSL.using(tx);
          var repo = new DisputeRepository(tdsl);
          Dispute before = repo.findForUpdate(id).orElseThrow(ApiException::notFound);
          if (!before.status().equals("OPEN")) {
            throw ApiException.conflict("dispute-resolved", "This dispute was already resolved.");
          }
          String note = request.note().strip();
          repo.resolve(id, request.outcome(), note, admin.userId(), now);
          Dispute after = repo.findForUpdate(id).orElseThrow();
          new AuditLog(tdsl, json)
              .record(
                  new AuditLog.Change(
                      admin.userId(),
                      "dispute.resolved",
                      "dispute",
                      id.toString(),
                      before,
                      after,
                      clientIp),
                  now);
          Map<String, String> facts =
              Map.of("disputeId", id.toString(), "outcome", request.outcome(), "note", note);
          outbox.enqueue(tdsl, before.brandId(), NotificationKind.DISPUTE_RESOLVED, facts);
          outbox.enqueue(tdsl, before.influencerId(), NotificationKind.DISPUTE_RESOLVED, facts);
          return after;
        });
  }

  private static boolean isOneOf(String value, Enum<?>[] values) {
    return Arrays.stream(values).anyMatch(v -> v.name().equals(value));
  }
}
