package io.influmeter.api.participants;

import static io.influmeter.api.db.Tables.CAMPAIGN_PARTICIPANTS;
import static io.influmeter.api.db.Tables.CREATOR_PROFILES;
import static io.influmeter.api.db.Tables.USERS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Rows of {@code campaign_participants}, for both sides that write them: the brand's invitations
 * (campaigns) and the influencer's applications. One class so the table has one set of queries;
 * generated records stay in here.
 */
public final class ParticipantRepository {
  private final DSLContext dsl;

  public ParticipantRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** One influencer's place in one campaign, as stored. */
  public record Participant(
      UUID id,
      UUID campaignId,
      UUID influencerId,
      String origin,
      String status,
      String pitch,
      Instant decidedAt,
      Instant createdAt) {}

  /**
   * An influencer's place in a campaign with the public name the brand sees (the brand's listing,
   * its API answers and its audit entries carry exactly these fields).
   */
  public record Listed(
      UUID id,
      UUID influencerId,
      String displayName,
      String handle,
      String origin,
      String status,
      Instant createdAt,
      Instant decidedAt) {}

  /**
   * Inserts an INVITED row unless the influencer already has one in this campaign (the unique key
   * decides, so two racing invitations cannot both succeed). True if it inserted.
   */
  public boolean invite(UUID campaignId, UUID influencerId, Instant now) {
    return insert(campaignId, influencerId, "INVITATION", "INVITED", null, now);
  }

  /**
   * Inserts an application unless the influencer already has a row in the campaign (the UNIQUE
   * constraint decides, also between concurrent requests). True if it inserted.
   */
  public boolean insertApplication(UUID campaignId, UUID influencerId, String pitch, Instant now) {
    return insert(campaignId, influencerId, "APPLICATION", "APPLIED", pitch, now);
  }

  private boolean insert(
      UUID campaignId, UUID influencerId, String origin, String status, String pitch, Instant now) {
    OffsetDateTime at = at(now);
    return dsl.insertInto(CAMPAIGN_PARTICIPANTS)
            .set(CAMPAIGN_PARTICIPANTS.ID, UUID.randomUUID())
            .set(CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID, campaignId)
            .set(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID, influencerId)
            .set(CAMPAIGN_PARTICIPANTS.ORIGIN, origin)
            .set(CAMPAIGN_PARTICIPANTS.STATUS, status)
            .set(CAMPAIGN_PARTICIPANTS.PITCH, pitch)
            .set(CAMPAIGN_PARTICIPANTS.CREATED_AT, at)
            .set(CAMPAIGN_PARTICIPANTS.UPDATED_AT, at)
            .onConflict(CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID, CAMPAIGN_PARTICIPANTS.INFLUENCER_ID)
            .doNothing()
            .execute()
        == 1;
  }

  public Optional<Participant> find(UUID campaignId, UUID influencerId) {
    return dsl.select(CAMPAIGN_PARTICIPANTS.asterisk())
        .from(CAMPAIGN_PARTICIPANTS)
        .where(one(campaignId, influencerId))
        .fetchOptional(ParticipantRepository::toParticipant);
  }

  /** Locks the row: decisions on one participant happen one at a time. */
  public Optional<Participant> findForUpdate(UUID campaignId, UUID influencerId) {
    return dsl.select(CAMPAIGN_PARTICIPANTS.asterisk())
        .from(CAMPAIGN_PARTICIPANTS)
        .where(one(campaignId, influencerId))
        .forUpdate()
        .fetchOptional(ParticipantRepository::toParticipant);
  }

  /** One influencer's place in a campaign as the brand sees it. */
  public Optional<Listed> findListed(UUID campaignId, UUID influencerId) {
    return listed(one(campaignId, influencerId)).stream().findFirst();
  }

  /** Everyone in a campaign as the brand sees them, oldest first. */
  public List<Listed> list(UUID campaignId) {
    return listed(CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID.eq(campaignId));
  }

  /** An influencer's participations in one status, newest first. */
  public List<Participant> withStatus(UUID influencerId, String status) {
    return dsl.select(CAMPAIGN_PARTICIPANTS.asterisk())
        .from(CAMPAIGN_PARTICIPANTS)
        .where(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID.eq(influencerId))
        .and(CAMPAIGN_PARTICIPANTS.STATUS.eq(status))
        .orderBy(CAMPAIGN_PARTICIPANTS.CREATED_AT.desc(), CAMPAIGN_PARTICIPANTS.ID)
        .fetch(ParticipantRepository::toParticipant);
  }

  /** Influencers whose participation in {@code campaignId} was ACCEPTED. */
  public List<UUID> accepted(UUID campaignId) {
    return dsl.select(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID)
        .from(CAMPAIGN_PARTICIPANTS)
        .where(
            CAMPAIGN_PARTICIPANTS
                .CAMPAIGN_ID
                .eq(campaignId)
                .and(CAMPAIGN_PARTICIPANTS.STATUS.eq("ACCEPTED")))
        .orderBy(CAMPAIGN_PARTICIPANTS.CREATED_AT, CAMPAIGN_PARTICIPANTS.ID)
        .fetch(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID);
  }

  /** Moves a participant to a new status; a decision (not a withdrawal) stamps decided_at. */
  public void setStatus(UUID id, String status, boolean decision, Instant now) {
    var update =
        dsl.update(CAMPAIGN_PARTICIPANTS)
            .set(CAMPAIGN_PARTICIPANTS.STATUS, status)
            .set(CAMPAIGN_PARTICIPANTS.UPDATED_AT, at(now));
    if (decision) {
      update = update.set(CAMPAIGN_PARTICIPANTS.DECIDED_AT, at(now));
    }
    update.where(CAMPAIGN_PARTICIPANTS.ID.eq(id)).execute();
  }

  /** INVITED -> WITHDRAWN as one conditional update; false if the row was not INVITED any more. */
  public boolean withdraw(UUID campaignId, UUID influencerId, Instant now) {
    OffsetDateTime at = at(now);
    return dsl.update(CAMPAIGN_PARTICIPANTS)
            .set(CAMPAIGN_PARTICIPANTS.STATUS, "WITHDRAWN")
            .set(CAMPAIGN_PARTICIPANTS.DECIDED_AT, at)
            .set(CAMPAIGN_PARTICIPANTS.UPDATED_AT, at)
            .where(one(campaignId, influencerId).and(CAMPAIGN_PARTICIPANTS.STATUS.eq("INVITED")))
            .execute()
        == 1;
  }

  private List<Listed> listed(Condition where) {
    return dsl.select(
            CAMPAIGN_PARTICIPANTS.ID,
            CAMPAIGN_PARTICIPANTS.INFLUENCER_ID,
            USERS.DISPLAY_NAME,
            CREATOR_PROFILES.HANDLE,
            CAMPAIGN_PARTICIPANTS.ORIGIN,
            CAMPAIGN_PARTICIPANTS.STATUS,
            CAMPAIGN_PARTICIPANTS.CREATED_AT,
            CAMPAIGN_PARTICIPANTS.DECIDED_AT)
        .from(CAMPAIGN_PARTICIPANTS)
        .join(USERS)
        .on(USERS.ID.eq(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID))
        .leftJoin(CREATOR_PROFILES)
        .on(CREATOR_PROFILES.USER_ID.eq(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID))
        .where(where)
        .orderBy(CAMPAIGN_PARTICIPANTS.CREATED_AT, CAMPAIGN_PARTICIPANTS.ID)
        .fetch(
            r ->
                new Listed(
                    r.get(CAMPAIGN_PARTICIPANTS.ID),
                    r.get(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID),
                    r.get(USERS.DISPLAY_NAME),
                    r.get(CREATOR_PROFILES.HANDLE),
                    r.get(CAMPAIGN_PARTICIPANTS.ORIGIN),
                    r.get(CAMPAIGN_PARTICIPANTS.STATUS),
                    r.get(CAMPAIGN_PARTICIPANTS.CREATED_AT).toInstant(),
                    instant(r.get(CAMPAIGN_PARTICIPANTS.DECIDED_AT))));
  }

  private static Condition one(UUID campaignId, UUID influencerId) {
    return CAMPAIGN_PARTICIPANTS
        .CAMPAIGN_ID
        .eq(campaignId)
        .and(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID.eq(influencerId));
  }

  private static Participant toParticipant(Record r) {
    return new Participant(
        r.get(CAMPAIGN_PARTICIPANTS.ID),
        r.get(CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID),
        r.get(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID),
        r.get(CAMPAIGN_PARTICIPANTS.ORIGIN),
        r.get(CAMPAIGN_PARTICIPANTS.STATUS),
        r.get(CAMPAIGN_PARTICIPANTS.PITCH),
        instant(r.get(CAMPAIGN_PARTICIPANTS.DECIDED_AT)),
        r.get(CAMPAIGN_PARTICIPANTS.CREATED_AT).toInstant());
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
