package io.influmeter.api.campaigns;

import static io.influmeter.api.db.Tables.BRAND_PROFILES;
import static io.influmeter.api.db.Tables.CAMPAIGN_PARTICIPANTS;
import static io.influmeter.api.db.Tables.CREATOR_PROFILES;
import static io.influmeter.api.db.Tables.USERS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** Rows of {@code campaign_participants} as the brand side reads and writes them. */
final class ParticipantRepository {
  private final DSLContext dsl;

  ParticipantRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** An influencer's place in a campaign, with the public name the brand sees. */
  record Participant(
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
  boolean invite(UUID campaignId, UUID influencerId, Instant now) {
    OffsetDateTime at = CampaignRepository.at(now);
    return dsl.insertInto(CAMPAIGN_PARTICIPANTS)
            .set(CAMPAIGN_PARTICIPANTS.ID, UUID.randomUUID())
            .set(CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID, campaignId)
            .set(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID, influencerId)
            .set(CAMPAIGN_PARTICIPANTS.ORIGIN, "INVITATION")
            .set(CAMPAIGN_PARTICIPANTS.STATUS, "INVITED")
            .set(CAMPAIGN_PARTICIPANTS.CREATED_AT, at)
            .set(CAMPAIGN_PARTICIPANTS.UPDATED_AT, at)
            .onConflict(CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID, CAMPAIGN_PARTICIPANTS.INFLUENCER_ID)
            .doNothing()
            .execute()
        == 1;
  }

  Optional<Participant> find(UUID campaignId, UUID influencerId) {
    return list(campaignId).stream().filter(p -> p.influencerId().equals(influencerId)).findFirst();
  }

  /** INVITED -> WITHDRAWN as one conditional update; false if the row was not INVITED any more. */
  boolean withdraw(UUID campaignId, UUID influencerId, Instant now) {
    OffsetDateTime at = CampaignRepository.at(now);
    return dsl.update(CAMPAIGN_PARTICIPANTS)
            .set(CAMPAIGN_PARTICIPANTS.STATUS, "WITHDRAWN")
            .set(CAMPAIGN_PARTICIPANTS.DECIDED_AT, at)
            .set(CAMPAIGN_PARTICIPANTS.UPDATED_AT, at)
            .where(
                CAMPAIGN_PARTICIPANTS
                    .CAMPAIGN_ID
                    .eq(campaignId)
                    .and(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID.eq(influencerId))
                    .and(CAMPAIGN_PARTICIPANTS.STATUS.eq("INVITED")))
            .execute()
        == 1;
  }

  List<Participant> list(UUID campaignId) {
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
        .where(CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID.eq(campaignId))
        .orderBy(CAMPAIGN_PARTICIPANTS.CREATED_AT, CAMPAIGN_PARTICIPANTS.ID)
        .fetch(
            r ->
                new Participant(
                    r.get(CAMPAIGN_PARTICIPANTS.ID),
                    r.get(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID),
                    r.get(USERS.DISPLAY_NAME),
                    r.get(CREATOR_PROFILES.HANDLE),
                    r.get(CAMPAIGN_PARTICIPANTS.ORIGIN),
                    r.get(CAMPAIGN_PARTICIPANTS.STATUS),
                    r.get(CAMPAIGN_PARTICIPANTS.CREATED_AT).toInstant(),
                    r.get(CAMPAIGN_PARTICIPANTS.DECIDED_AT) == null
                        ? null
                        : r.get(CAMPAIGN_PARTICIPANTS.DECIDED_AT).toInstant()));
  }

  /** Influencers whose participation in {@code campaignId} was ACCEPTED. */
  List<UUID> accepted(UUID campaignId) {
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

  /** True if the user exists, is an influencer and is not suspended. */
  boolean activeInfluencer(UUID userId) {
    return dsl.fetchExists(
        USERS, USERS.ID.eq(userId).and(USERS.ROLE.eq("INFLUENCER")).and(USERS.STATUS.eq("ACTIVE")));
  }

  /** The name e-mails use for a brand: its organisation, else its display name. */
  String brandName(UUID brandId) {
    String organisation =
        dsl.select(BRAND_PROFILES.ORGANISATION_NAME)
            .from(BRAND_PROFILES)
            .where(BRAND_PROFILES.USER_ID.eq(brandId))
            .fetchOne(BRAND_PROFILES.ORGANISATION_NAME);
    if (organisation != null && !organisation.isBlank()) {
      return organisation;
    }
    return dsl.select(USERS.DISPLAY_NAME)
        .from(USERS)
        .where(USERS.ID.eq(brandId))
        .fetchOne(USERS.DISPLAY_NAME);
  }
}
