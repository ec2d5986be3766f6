package io.influmeter.api.influencers;

import static io.influmeter.api.db.Tables.BRAND_PROFILES;
import static io.influmeter.api.db.Tables.CAMPAIGNS;
import static io.influmeter.api.db.Tables.CAMPAIGN_PARTICIPANTS;
import static io.influmeter.api.db.Tables.USERS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Read-only view of campaigns for the influencer side. Campaigns themselves are written by the
 * campaigns feature; this only reads them.
 */
public final class CampaignCatalog {
  /** Campaigns influencers may see and join. */
  public static final Set<String> OPEN_STATUSES = Set.of("APPROVED", "ACTIVE");

  private static final ObjectMapper JSON_MAPPER = new ObjectMapper();

  private final DSLContext dsl;

  public CampaignCatalog(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Approved or active campaigns that have not ended, newest first. */
  public List<OpenCampaign> open(Instant now) {
    return select(openAt(now))
        .orderBy(CAMPAIGNS.CREATED_AT.desc(), CAMPAIGNS.ID.desc())
        .fetch(CampaignCatalog::toCampaign);
  }

  /** One campaign if it is open at {@code now}. */
  public Optional<OpenCampaign> findOpen(UUID id, Instant now) {
    return select(openAt(now).and(CAMPAIGNS.ID.eq(id))).fetchOptional(CampaignCatalog::toCampaign);
  }

  /** One campaign whatever its status (invitations, links of closed campaigns). */
  public Optional<OpenCampaign> find(UUID id) {
    return select(CAMPAIGNS.ID.eq(id)).fetchOptional(CampaignCatalog::toCampaign);
  }

  /** The brand that runs a campaign, if it exists. */
  public Optional<UUID> brandOf(UUID campaignId) {
    return dsl.select(CAMPAIGNS.BRAND_ID)
        .from(CAMPAIGNS)
        .where(CAMPAIGNS.ID.eq(campaignId))
        .fetchOptional(CAMPAIGNS.BRAND_ID);
  }

  /** The caller's participation status per campaign. */
  public Map<UUID, String> participations(UUID influencerId) {
    return dsl.select(CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID, CAMPAIGN_PARTICIPANTS.STATUS)
        .from(CAMPAIGN_PARTICIPANTS)
        .where(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID.eq(influencerId))
        .fetchMap(CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID, CAMPAIGN_PARTICIPANTS.STATUS);
  }

  private static Condition openAt(Instant now) {
    return CAMPAIGNS
        .STATUS
        .in(OPEN_STATUSES)
        .and(CAMPAIGNS.ENDS_AT.gt(now.atOffset(ZoneOffset.UTC)));
  }

  private org.jooq.SelectConditionStep<Record> select(Condition where) {
    return dsl.select(CAMPAIGNS.asterisk())
        .select(DSL.coalesce(BRAND_PROFILES.ORGANISATION_NAME, USERS.DISPLAY_NAME).as("brand_name"))
        .from(CAMPAIGNS)
        .join(USERS)
        .on(USERS.ID.eq(CAMPAIGNS.BRAND_ID))
        .leftJoin(BRAND_PROFILES)
        .on(BRAND_PROFILES.USER_ID.eq(CAMPAIGNS.BRAND_ID))
        .where(where);
  }

  private static OpenCampaign toCampaign(Record r) {
    return new OpenCampaign(
        r.get(CAMPAIGNS.ID),
        r.get(CAMPAIGNS.BRAND_ID),
        r.get("brand_name", String.class),
        r.get(CAMPAIGNS.NAME),
        r.get(CAMPAIGNS.BRIEF),
        r.get(CAMPAIGNS.OBJECTIVE),
        r.get(CAMPAIGNS.STATUS),
        r.get(CAMPAIGNS.STARTS_AT).toInstant(),
        r.get(CAMPAIGNS.ENDS_AT).toInstant(),
        r.get(CAMPAIGNS.CURRENCY),
        r.get(CAMPAIGNS.COMMISSION_TYPE),
        r.get(CAMPAIGNS.COMMISSION_PERCENT),
        r.get(CAMPAIGNS.COMMISSION_FIXED_MINOR),
        null,
        filters(r.get(CAMPAIGNS.TARGET_FILTERS)));
  }

  private static TargetFilters filters(JSON json) {
    try {
      return TargetFilters.parse(json == null ? null : JSON_MAPPER.readTree(json.data()));
    } catch (JsonProcessingException e) {
      // Unreadable targeting matches nobody (see TargetFilters).
      return TargetFilters.parse(JSON_MAPPER.createObjectNode().put("regions", "unreadable"));
    }
  }
}
