package io.influmeter.api.support;

import static io.influmeter.api.db.Tables.CAMPAIGNS;
import static io.influmeter.api.db.Tables.CAMPAIGN_PARTICIPANTS;
import static io.influmeter.api.db.Tables.CREATOR_PROFILES;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSON;

/**
 * Test fixture for the tables another feature owns: campaigns (written by the campaigns feature)
 * and invitations, inserted directly with jOOQ; and the measured creator figures social metrics
 * will write.
 */
public final class Campaigns {
  private final DSLContext dsl;
  private final Instant now;

  public Campaigns(DSLContext dsl, Instant now) {
    this.dsl = dsl;
    this.now = now;
  }

  /** A campaign's editable facts; {@link #insert()} writes it. */
  public final class Builder {
    private final UUID brandId;
    private String name = "Summer drop";
    private String status = "ACTIVE";
    private String targetFilters = "{}";
    private String utmTemplate = "{\"utm_source\":\"influmeter\",\"utm_medium\":\"influencer\"}";
    private Instant endsAt = now.plus(30, ChronoUnit.DAYS);

    private Builder(UUID brandId) {
      this.brandId = brandId;
    }

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Builder status(String value) {
      status = value;
      return this;
    }

    public Builder targeting(String json) {
      targetFilters = json;
      return this;
    }

    public Builder utm(String json) {
      utmTemplate = json;
      return this;
    }

    public Builder endsAt(Instant value) {
      endsAt = value;
      return this;
    }

    public UUID insert() {
      UUID id = UUID.randomUUID();
      dsl.insertInto(CAMPAIGNS)
          .set(CAMPAIGNS.ID, id)
          .set(CAMPAIGNS.BRAND_ID, brandId)
          .set(CAMPAIGNS.NAME, name)
          .set(CAMPAIGNS.BRIEF, "Show the new collection")
          .set(CAMPAIGNS.OBJECTIVE, "SALES")
          .set(CAMPAIGNS.BUDGET_MINOR, 50_000_00L)
          .set(CAMPAIGNS.CURRENCY, "KES")
          .set(CAMPAIGNS.STARTS_AT, now.minus(1, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))
          .set(CAMPAIGNS.ENDS_AT, endsAt.atOffset(ZoneOffset.UTC))
          .set(CAMPAIGNS.COMMISSION_TYPE, "PERCENTAGE")
          .set(CAMPAIGNS.COMMISSION_PERCENT, new BigDecimal("12.50"))
          .set(CAMPAIGNS.ATTRIBUTION_LOOKBACK_DAYS, 14)
          .set(CAMPAIGNS.ATTRIBUTION_MODEL, "LAST_CLICK")
          .set(CAMPAIGNS.TARGET_FILTERS, JSON.valueOf(targetFilters))
          .set(CAMPAIGNS.LANDING_URL, "https://shop.example.test/summer")
          .set(CAMPAIGNS.FALLBACK_URL, "https://shop.example.test/")
          .set(CAMPAIGNS.UTM_TEMPLATE, JSON.valueOf(utmTemplate))
          .set(CAMPAIGNS.ALLOW_UTM_PASSTHROUGH, false)
          .set(CAMPAIGNS.STATUS, status)
          .set(CAMPAIGNS.CREATED_AT, now.atOffset(ZoneOffset.UTC))
          .set(CAMPAIGNS.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
          .set(CAMPAIGNS.VERSION, 1)
          .execute();
      return id;
    }
  }

  public Builder of(UUID brandId) {
    return new Builder(brandId);
  }

  /** Campaigns seeded at the real current time (tests that do not move a clock). */
  public static Campaigns now() {
    return new Campaigns(TestDatabase.get().dsl(), Instant.now());
  }

  /** An invitation as the campaigns feature writes it. */
  public void invite(UUID campaignId, UUID influencerId) {
    participant(campaignId, influencerId, "INVITATION", "INVITED", null);
  }

  /** A pending application, as the influencer side writes it. */
  public void applied(UUID campaignId, UUID influencerId) {
    participant(campaignId, influencerId, "APPLICATION", "APPLIED", "Pick me");
  }

  /** An invited influencer already in {@code status} (e.g. ACCEPTED). */
  public void participant(UUID campaignId, UUID influencerId, String status) {
    participant(campaignId, influencerId, "INVITATION", status, null);
  }

  private void participant(
      UUID campaignId, UUID influencerId, String origin, String status, String pitch) {
    dsl.insertInto(CAMPAIGN_PARTICIPANTS)
        .set(CAMPAIGN_PARTICIPANTS.ID, UUID.randomUUID())
        .set(CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID, campaignId)
        .set(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID, influencerId)
        .set(CAMPAIGN_PARTICIPANTS.ORIGIN, origin)
        .set(CAMPAIGN_PARTICIPANTS.STATUS, status)
        .set(CAMPAIGN_PARTICIPANTS.PITCH, pitch)
        .set(CAMPAIGN_PARTICIPANTS.CREATED_AT, now.atOffset(ZoneOffset.UTC))
        .set(CAMPAIGN_PARTICIPANTS.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
        .execute();
  }

  /** What social metrics will write: the measured figures of a creator profile. */
  public void measure(UUID influencerId, Long followers, String engagementRate) {
    dsl.update(CREATOR_PROFILES)
        .set(CREATOR_PROFILES.FOLLOWERS_TOTAL, followers)
        .set(
            CREATOR_PROFILES.ENGAGEMENT_RATE,
            engagementRate == null ? null : new BigDecimal(engagementRate))
        .where(CREATOR_PROFILES.USER_ID.eq(influencerId))
        .execute();
  }
}
