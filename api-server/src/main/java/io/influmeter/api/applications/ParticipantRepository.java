package io.influmeter.api.applications;

import static io.influmeter.api.db.Tables.CAMPAIGN_PARTICIPANTS;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Rows of {@code campaign_participants}. Generated records stay in here. */
final class ParticipantRepository {
  private final DSLContext dsl;

  ParticipantRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** One influencer's place in one campaign. */
  record Participant(
      UUID id,
      UUID campaignId,
      UUID influencerId,
      String origin,
      String status,
      String pitch,
      Instant decidedAt,
      Instant createdAt) {}

  /**
   * Inserts an application unless the influencer already has a row in the campaign (the UNIQUE
   * constraint decides, also between concurrent requests).
   */
  boolean insertApplication(UUID campaignId, UUID influencerId, String pitch, Instant now) {
    return dsl.insertInto(CAMPAIGN_PARTICIPANTS)
            .set(CAMPAIGN_PARTICIPANTS.ID, UUID.randomUUID())
            .set(CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID, campaignId)
            .set(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID, influencerId)
            .set(CAMPAIGN_PARTICIPANTS.ORIGIN, "APPLICATION")
            .set(CAMPAIGN_PARTICIPANTS.STATUS, "APPLIED")
            .set(CAMPAIGN_PARTICIPANTS.PITCH, pitch)
            .set(CAMPAIGN_PARTICIPANTS.CREATED_AT, now.atOffset(ZoneOffset.UTC))
            .set(CAMPAIGN_PARTICIPANTS.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
            .onConflictDoNothing()
            .execute()
        == 1;
  }

  Optional<Participant> find(UUID campaignId, UUID influencerId) {
    return dsl.select(CAMPAIGN_PARTICIPANTS.asterisk())
        .from(CAMPAIGN_PARTICIPANTS)
        .where(CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID.eq(campaignId))
        .and(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID.eq(influencerId))
        .fetchOptional(ParticipantRepository::toParticipant);
  }

  /** Locks the row: decisions on one participant happen one at a time. */
  Optional<Participant> findForUpdate(UUID campaignId, UUID influencerId) {
    return dsl.select(CAMPAIGN_PARTICIPANTS.asterisk())
        .from(CAMPAIGN_PARTICIPANTS)
        .where(CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID.eq(campaignId))
        .and(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID.eq(influencerId))
        .forUpdate()
        .fetchOptional(ParticipantRepository::toParticipant);
  }

  List<Participant> withStatus(UUID influencerId, String status) {
    return dsl.select(CAMPAIGN_PARTICIPANTS.asterisk())
        .from(CAMPAIGN_PARTICIPANTS)
        .where(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID.eq(influencerId))
        .and(CAMPAIGN_PARTICIPANTS.STATUS.eq(status))
        .orderBy(CAMPAIGN_PARTICIPANTS.CREATED_AT.desc(), CAMPAIGN_PARTICIPANTS.ID)
        .fetch(ParticipantRepository::toParticipant);
  }

  /** Moves a participant to a new status; a decision (not a withdrawal) stamps decided_at. */
  void setStatus(UUID id, String status, boolean decision, Instant now) {
    var update =
        dsl.update(CAMPAIGN_PARTICIPANTS)
            .set(CAMPAIGN_PARTICIPANTS.STATUS, status)
            .set(CAMPAIGN_PARTICIPANTS.UPDATED_AT, now.atOffset(ZoneOffset.UTC));
    if (decision) {
      update = update.set(CAMPAIGN_PARTICIPANTS.DECIDED_AT, now.atOffset(ZoneOffset.UTC));
    }
    update.where(CAMPAIGN_PARTICIPANTS.ID.eq(id)).execute();
  }

  private static Participant toParticipant(Record r) {
    var decided = r.get(CAMPAIGN_PARTICIPANTS.DECIDED_AT);
    return new Participant(
        r.get(CAMPAIGN_PARTICIPANTS.ID),
        r.get(CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID),
        r.get(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID),
        r.get(CAMPAIGN_PARTICIPANTS.ORIGIN),
        r.get(CAMPAIGN_PARTICIPANTS.STATUS),
        r.get(CAMPAIGN_PARTICIPANTS.PITCH),
        decided == null ? null : decided.toInstant(),
        r.get(CAMPAIGN_PARTICIPANTS.CREATED_AT).toInstant());
  }
}
