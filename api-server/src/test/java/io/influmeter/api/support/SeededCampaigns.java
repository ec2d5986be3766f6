package io.influmeter.api.support;

import static io.influmeter.api.db.Tables.CAMPAIGNS;
import static io.influmeter.api.db.Tables.CAMPAIGN_PARTICIPANTS;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSON;

/**
 * Campaign and participant rows written straight into the V3 tables: the campaign code lives in
 * another branch, and these tables are the contract content and disputes rely on.
 */
public final class SeededCampaigns {
  private final DSLContext dsl;

  public SeededCampaigns(DSLContext dsl) {
    this.dsl = dsl;
  }

  public static SeededCampaigns of() {
    return new SeededCampaigns(TestDatabase.get().dsl());
  }

  public UUID campaign(UUID brandId, String name, String status) {
    UUID id = UUID.randomUUID();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    dsl.insertInto(CAMPAIGNS)
        .set(CAMPAIGNS.ID, id)
        .set(CAMPAIGNS.BRAND_ID, brandId)
        .set(CAMPAIGNS.NAME, name)
        .set(CAMPAIGNS.OBJECTIVE, "SALES")
        .set(CAMPAIGNS.BUDGET_MINOR, 1_000_000L)
        .set(CAMPAIGNS.CURRENCY, "KES")
        .set(CAMPAIGNS.STARTS_AT, now)
        .set(CAMPAIGNS.ENDS_AT, now.plusDays(30))
        .set(CAMPAIGNS.COMMISSION_TYPE, "PERCENTAGE")
        .set(CAMPAIGNS.COMMISSION_PERCENT, new java.math.BigDecimal("10.00"))
        .set(CAMPAIGNS.ATTRIBUTION_LOOKBACK_DAYS, 30)
        .set(CAMPAIGNS.ATTRIBUTION_MODEL, "LAST_CLICK")
        .set(CAMPAIGNS.TARGET_FILTERS, JSON.valueOf("{}"))
        .set(CAMPAIGNS.LANDING_URL, "https://shop.example.test/")
        .set(CAMPAIGNS.UTM_TEMPLATE, JSON.valueOf("{}"))
        .set(CAMPAIGNS.ALLOW_UTM_PASSTHROUGH, false)
        .set(CAMPAIGNS.STATUS, status)
        .set(CAMPAIGNS.CREATED_AT, now)
        .set(CAMPAIGNS.UPDATED_AT, now)
        .set(CAMPAIGNS.VERSION, 0)
        .execute();
    return id;
  }

  public UUID campaign(UUID brandId) {
    return campaign(brandId, "Campaign " + UUID.randomUUID(), "ACTIVE");
  }

  public void participant(UUID campaignId, UUID influencerId, String status) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    dsl.insertInto(CAMPAIGN_PARTICIPANTS)
        .set(CAMPAIGN_PARTICIPANTS.ID, UUID.randomUUID())
        .set(CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID, campaignId)
        .set(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID, influencerId)
        .set(CAMPAIGN_PARTICIPANTS.ORIGIN, "INVITATION")
        .set(CAMPAIGN_PARTICIPANTS.STATUS, status)
        .set(CAMPAIGN_PARTICIPANTS.CREATED_AT, now)
        .set(CAMPAIGN_PARTICIPANTS.UPDATED_AT, now)
        .execute();
  }
}
