package io.influmeter.api.campaigns;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.auth.Principal;
import io.influmeter.api.auth.Role;
import io.influmeter.api.campaigns.CampaignViews.CampaignView;
import io.influmeter.api.campaigns.Lifecycle.Actor;
import io.influmeter.api.campaigns.Lifecycle.Transition;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.http.Validation;
import io.influmeter.api.notifications.NotificationKind;
import io.influmeter.api.notifications.NotificationOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Requested status changes (submit, approve, reject, close, cancel), checked against {@link
 * Lifecycle} only. Order of checks: visibility (404), legality in the current status (409 with the
 * {@code allowed} actions), then the caller's right to perform it (403).
 */
public final class CampaignTransitions {
  private final DSLContext dsl;
  private final Clock clock;
  private final ObjectMapper json;
  private final NotificationOutbox outbox;
  private final CampaignSweeper sweeper;

  public CampaignTransitions(
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

  public CampaignView request(
      Principal principal, UUID id, CampaignAction action, String reason, String clientIp) {
    sweeper.sweep(id);
    Instant now = clock.instant();
    return dsl.transactionResult(
        tx -> {
          var tdsl = DSL.using(tx);
          var repository = new CampaignRepository(tdsl, json);
          Campaign before = CampaignService.owned(repository, principal, id);
          Transition transition =
              Lifecycle.find(before.status(), action)
                  .filter(t -> t.actor() != Actor.SYSTEM)
                  .orElseThrow(() -> illegal(before.status(), action));
          if (!mayPerform(principal, transition.actor())) {
            throw ApiException.forbidden();
          }
          String cleanReason = reason == null ? null : reason.strip();
          if (action == CampaignAction.REJECT) {
            new Validation()
                .required("reason", cleanReason)
                .length("reason", cleanReason, 1, 2000)
                .throwIfInvalid();
          }
          Campaign after = apply(before, transition, principal, cleanReason, now);
          if (!repository.update(after)) {
            throw CampaignService.stale();
          }
          CampaignView view = CampaignViews.of(repository.find(id).orElseThrow());
          CampaignService.audit(
              tdsl,
              json,
              principal,
              "campaign." + action.wireName(),
              id,
              CampaignViews.of(before),
              view,
              clientIp,
              now);
          notifyBrand(tdsl, after, action);
          return view;
        });
  }

  /** The new row for a requested transition; system transitions are the sweeper's. */
  static Campaign apply(Campaign c, Transition t, Principal principal, String reason, Instant now) {
    UUID actor = principal == null ? null : principal.userId();
    return switch (t.action()) {
      case SUBMIT -> copy(c, t.to(), null, now, c.decidedAt(), c.decidedBy(), null, now);
      case APPROVE -> copy(c, t.to(), null, c.submittedAt(), now, actor, null, now);
      case REJECT -> copy(c, t.to(), reason, c.submittedAt(), now, actor, null, now);
      case ACTIVATE -> c.withStatus(t.to(), now);
      case COMPLETE, CLOSE, CANCEL ->
          copy(
              c,
              t.to(),
              c.rejectionReason(),
              c.submittedAt(),
              c.decidedAt(),
              c.decidedBy(),
              now,
              now);
    };
  }

  private static Campaign copy(
      Campaign c,
      CampaignStatus status,
      String reason,
      Instant submittedAt,
      Instant decidedAt,
      UUID decidedBy,
      Instant closedAt,
      Instant now) {
    return new Campaign(
        c.id(),
        c.brandId(),
        c.terms(),
        status,
        reason,
        submittedAt,
        decidedAt,
        decidedBy,
        closedAt,
        c.createdAt(),
        now,
        c.version());
  }

  private static boolean mayPerform(Principal principal, Actor actor) {
    return switch (actor) {
      case BRAND_OWNER -> principal.role() == Role.BRAND;
      case ADMIN -> principal.role() == Role.ADMIN;
      case SYSTEM -> false;
    };
  }

  private void notifyBrand(DSLContext tdsl, Campaign campaign, CampaignAction action) {
    NotificationKind kind =
        switch (action) {
          case APPROVE -> NotificationKind.CAMPAIGN_APPROVED;
          case REJECT -> NotificationKind.CAMPAIGN_REJECTED;
          case SUBMIT, ACTIVATE, COMPLETE, CLOSE, CANCEL -> null;
        };
    if (kind == null) {
      return;
    }
    var facts = new java.util.LinkedHashMap<String, String>();
    facts.put("campaignId", campaign.id().toString());
    facts.put("campaignName", campaign.terms().name());
    if (kind == NotificationKind.CAMPAIGN_REJECTED) {
      facts.put("reason", campaign.rejectionReason());
    }
    outbox.enqueue(tdsl, campaign.brandId(), kind, facts);
  }

  /** 409 naming the current status and the actions a person may request in it. */
  static ApiException illegal(CampaignStatus status, CampaignAction action) {
    List<String> allowed = Lifecycle.requestableFrom(status);
    return new ApiException(
        409,
        "illegal-transition",
        "Illegal transition",
        "A "
            + status
            + " campaign cannot "
            + action.wireName()
            + "; allowed now: "
            + (allowed.isEmpty() ? "nothing" : String.join(", ", allowed))
            + ".",
        List.of(),
        Map.of(),
        Map.of("currentStatus", status.name(), "allowed", allowed));
  }
}
