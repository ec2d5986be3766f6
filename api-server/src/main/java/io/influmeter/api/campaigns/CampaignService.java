package io.influmeter.api.campaigns;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.audit.AuditLog;
import io.influmeter.api.auth.Principal;
import io.influmeter.api.auth.Role;
import io.influmeter.api.campaigns.Campaign.CampaignTerms;
import io.influmeter.api.campaigns.CampaignRequests.CampaignInput;
import io.influmeter.api.campaigns.CampaignViews.CampaignView;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.referrals.ReferralLinkPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A brand's campaigns: create, edit, read, list. Status changes go through {@link
 * CampaignTransitions}; every write is audited in its own transaction.
 */
public final class CampaignService {
  private final ReferralLinkPublisher links;
  private final DSLContext dsl;
  private final Clock clock;
  private final ObjectMapper json;
  private final CampaignSweeper sweeper;

  public CampaignService(
      DSLContext dsl,
      Clock clock,
      ObjectMapper json,
      CampaignSweeper sweeper,
      ReferralLinkPublisher links) {
    this.links = links;
    this.dsl = dsl;
    this.clock = clock;
    this.json = json;
    this.sweeper = sweeper;
  }

  public CampaignView create(Principal brand, CampaignInput input, String clientIp) {
    if (input.version() != null) {
      throw ApiException.validation(
          List.of(new ApiException.FieldError("version", "is only for edits")));
    }
    CampaignTerms terms = CampaignValidator.validate(input);
    Instant now = clock.instant();
    var campaign =
        new Campaign(
            UUID.randomUUID(),
            brand.userId(),
            terms,
            CampaignStatus.DRAFT,
            null,
            null,
            null,
            null,
            null,
            now,
            now,
            0);
    return dsl.transactionResult(
        tx -> {
          var tdsl = DSL.using(tx);
          new CampaignRepository(tdsl, json).insert(campaign);
          CampaignView view = CampaignViews.of(campaign);
          audit(tdsl, json, brand, "campaign.created", campaign.id(), null, view, clientIp, now);
          return view;
        });
  }

  /**
   * Edits by the owner within {@link CampaignEdits}' rules. Editing a REJECTED campaign returns it
   * to DRAFT and clears the rejection reason: the brand fixes it and submits it again.
   */
  public CampaignView update(Principal brand, UUID id, CampaignInput patch, String clientIp) {
    sweeper.sweep(id);
    Instant now = clock.instant();
    return dsl.transactionResult(
        tx -> {
          var tdsl = DSL.using(tx);
          var repository = new CampaignRepository(tdsl, json);
          Campaign before = owned(repository, brand, id);
          if (patch.version() != null && patch.version() != before.version()) {
            throw stale();
          }
          CampaignTerms terms = CampaignEdits.apply(before, patch);
          boolean reopened = before.status() == CampaignStatus.REJECTED;
          var after =
              new Campaign(
                  before.id(),
                  before.brandId(),
                  terms,
                  reopened ? CampaignStatus.DRAFT : before.status(),
                  reopened ? null : before.rejectionReason(),
                  before.submittedAt(),
                  before.decidedAt(),
                  before.decidedBy(),
                  before.closedAt(),
                  before.createdAt(),
                  now,
                  before.version());
          if (!repository.update(after)) {
            throw stale();
          }
          Campaign stored = repository.find(id).orElseThrow();
          // Links carry the campaign's dates, commission and fallback: ingest and the jobs must
          // see an edit, in the same transaction as the edit (outbox).
          links.publishCampaign(tdsl, id);
          CampaignView view = CampaignViews.of(stored);
          audit(
              tdsl,
              json,
              brand,
              "campaign.updated",
              id,
              CampaignViews.of(before),
              view,
              clientIp,
              now);
          return view;
        });
  }

  public CampaignView get(Principal brand, UUID id) {
    sweeper.sweep(id);
    return CampaignViews.of(owned(new CampaignRepository(dsl, json), brand, id));
  }

  public CampaignViews.CampaignPage listOwn(
      Principal brand, CampaignStatus status, int limit, int offset) {
    return page(brand.userId(), status, limit, offset);
  }

  /** The admin's moderation queue (or any status). */
  public CampaignViews.CampaignPage listAll(CampaignStatus status, int limit, int offset) {
    return page(null, status, limit, offset);
  }

  private CampaignViews.CampaignPage page(
      UUID brandId, CampaignStatus status, int limit, int offset) {
    sweeper.sweepDue();
    List<Campaign> rows =
        new CampaignRepository(dsl, json).list(brandId, status, limit + 1, offset);
    boolean more = rows.size() > limit;
    List<CampaignView> views =
        (more ? rows.subList(0, limit) : rows).stream().map(CampaignViews::of).toList();
    return new CampaignViews.CampaignPage(views, more ? offset + limit : null);
  }

  /**
   * The campaign if {@code principal} may see it: its owning brand, or an admin. Everything else,
   * including another brand's campaign, is the same 404 as an unknown id.
   */
  static Campaign owned(CampaignRepository repository, Principal principal, UUID id) {
    Campaign campaign = repository.find(id).orElseThrow(ApiException::notFound);
    boolean visible =
        principal.role() == Role.ADMIN
            || (principal.role() == Role.BRAND && campaign.brandId().equals(principal.userId()));
    if (!visible) {
      throw ApiException.notFound();
    }
    return campaign;
  }

  static ApiException stale() {
    return ApiException.conflict(
        "stale-version", "The campaign changed since you read it; read it again and retry.");
  }

  static void audit(
      DSLContext tdsl,
      ObjectMapper json,
      Principal actor,
      String action,
      UUID campaignId,
      Object before,
      Object after,
      String clientIp,
      Instant now) {
    new AuditLog(tdsl, json)
        .record(
            new AuditLog.Change(
                actor == null ? null : actor.userId(),
                action,
                "campaign",
                campaignId.toString(),
                before,
                after,
                clientIp),
            now);
  }
}
