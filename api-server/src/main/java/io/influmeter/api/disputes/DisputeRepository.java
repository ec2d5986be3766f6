package io.influmeter.api.disputes;

import static io.influmeter.api.db.Tables.DISPUTES;

import io.influmeter.api.db.tables.records.DisputesRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The disputes table. */
public final class DisputeRepository {
  private final DSLContext dsl;

  public DisputeRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  public void insert(Dispute d) {
    dsl.insertInto(DISPUTES)
        .set(DISPUTES.ID, d.id())
        .set(DISPUTES.CAMPAIGN_ID, d.campaignId())
        .set(DISPUTES.OPENED_BY, d.openedBy())
        .set(DISPUTES.BRAND_ID, d.brandId())
        .set(DISPUTES.INFLUENCER_ID, d.influencerId())
        .set(DISPUTES.SUBJECT, d.subject())
        .set(DISPUTES.REFERENCE, d.reference())
        .set(DISPUTES.DESCRIPTION, d.description())
        .set(DISPUTES.STATUS, d.status())
        .set(DISPUTES.CREATED_AT, d.createdAt().atOffset(ZoneOffset.UTC))
        .execute();
  }

  public void resolve(UUID id, String outcome, String note, UUID adminId, Instant at) {
    dsl.update(DISPUTES)
        .set(DISPUTES.STATUS, "RESOLVED")
        .set(DISPUTES.OUTCOME, outcome)
        .set(DISPUTES.RESOLUTION_NOTE, note)
        .set(DISPUTES.RESOLVED_BY, adminId)
        .set(DISPUTES.RESOLVED_AT, at.atOffset(ZoneOffset.UTC))
        .where(DISPUTES.ID.eq(id))
        .execute();
  }

  public Optional<Dispute> findForUpdate(UUID id) {
    return dsl.selectFrom(DISPUTES).where(DISPUTES.ID.eq(id)).forUpdate().fetchOptional(this::map);
  }

  /** Disputes the user is a party to, newest first. */
  public List<Dispute> ofParty(UUID userId, int limit, int offset) {
    return dsl.selectFrom(DISPUTES)
        .where(DISPUTES.BRAND_ID.eq(userId).or(DISPUTES.INFLUENCER_ID.eq(userId)))
        .orderBy(DISPUTES.CREATED_AT.desc(), DISPUTES.ID)
        .limit(limit)
        .offset(offset)
        .fetch(this::map);
  }

  public List<Dispute> all(String status, int limit, int offset) {
    Condition where = status == null ? DSL.noCondition() : DISPUTES.STATUS.eq(status);
    return dsl.selectFrom(DISPUTES)
        .where(where)
        .orderBy(DISPUTES.CREATED_AT, DISPUTES.ID)
        .limit(limit)
        .offset(offset)
        .fetch(this::map);
  }

  private Dispute map(DisputesRecord r) {
    return new Dispute(
        r.getId(),
        r.getCampaignId(),
        r.getOpenedBy(),
        r.getBrandId(),
        r.getInfluencerId(),
        r.getSubject(),
        r.getReference(),
        r.getDescription(),
        r.getStatus(),
        r.getOutcome(),
        r.getResolutionNote(),
        r.getResolvedBy(),
        r.getResolvedAt() == null ? null : r.getResolvedAt().toInstant(),
        r.getCreatedAt().toInstant());
  }
}
