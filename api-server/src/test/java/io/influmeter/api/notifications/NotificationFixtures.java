package io.influmeter.api.notifications;

import static io.influmeter.api.db.Tables.CAMPAIGNS;
import static io.influmeter.api.db.Tables.CAMPAIGN_PARTICIPANTS;
import static io.influmeter.api.db.Tables.NOTIFICATIONS;
import static io.influmeter.api.db.Tables.USERS;

import io.influmeter.api.db.tables.records.NotificationsRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSON;

/** Rows inserted directly, as the other features' services would leave them. */
final class NotificationFixtures {
  private NotificationFixtures() {}

  static UUID user(DSLContext dsl, String role, String email, Instant now) {
    UUID id = UUID.randomUUID();
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    dsl.insertInto(USERS)
        .set(USERS.ID, id)
        .set(USERS.EMAIL, email)
        .set(USERS.ROLE, role)
        .set(USERS.STATUS, "ACTIVE")
        .set(USERS.VERIFIED, true)
        .set(USERS.DISPLAY_NAME, email)
        .set(USERS.CREATED_AT, at)
        .set(USERS.UPDATED_AT, at)
        .execute();
    return id;
  }

  static UUID campaign(
      DSLContext dsl, UUID brandId, String name, String status, Instant endsAt, Instant now) {
    UUID id = UUID.randomUUID();
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    dsl.insertInto(CAMPAIGNS)
        .set(CAMPAIGNS.ID, id)
        .set(CAMPAIGNS.BRAND_ID, brandId)
        .set(CAMPAIGNS.NAME, name)
        .set(CAMPAIGNS.OBJECTIVE, "SALES")
        .set(CAMPAIGNS.BUDGET_MINOR, 500_000L)
        .set(CAMPAIGNS.CURRENCY, "EUR")
        .set(CAMPAIGNS.STARTS_AT, at.minusDays(10))
        .set(CAMPAIGNS.ENDS_AT, endsAt.atOffset(ZoneOffset.UTC))
        .set(CAMPAIGNS.COMMISSION_TYPE, "FIXED")
        .set(CAMPAIGNS.COMMISSION_FIXED_MINOR, 250L)
        .set(CAMPAIGNS.ATTRIBUTION_LOOKBACK_DAYS, 30)
        .set(CAMPAIGNS.ATTRIBUTION_MODEL, "LAST_CLICK")
        .set(CAMPAIGNS.TARGET_FILTERS, JSON.valueOf("{}"))
        .set(CAMPAIGNS.LANDING_URL, "https://shop.example.test/")
        .set(CAMPAIGNS.UTM_TEMPLATE, JSON.valueOf("{}"))
        .set(CAMPAIGNS.ALLOW_UTM_PASSTHROUGH, false)
        .set(CAMPAIGNS.STATUS, status)
        .set(CAMPAIGNS.CREATED_AT, at)
        .set(CAMPAIGNS.UPDATED_AT, at)
        .set(CAMPAIGNS.VERSION, 1)
        .execute();
    return id;
  }

  static void participant(
      DSLContext dsl, UUID campaignId, UUID influencerId, String status, Instant now) {
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    dsl.insertInto(CAMPAIGN_PARTICIPANTS)
        .set(CAMPAIGN_PARTICIPANTS.ID, UUID.randomUUID())
        .set(CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID, campaignId)
        .set(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID, influencerId)
        .set(CAMPAIGN_PARTICIPANTS.ORIGIN, "INVITATION")
        .set(CAMPAIGN_PARTICIPANTS.STATUS, status)
        .set(CAMPAIGN_PARTICIPANTS.CREATED_AT, at)
        .set(CAMPAIGN_PARTICIPANTS.UPDATED_AT, at)
        .execute();
  }

  static NotificationsRecord row(DSLContext dsl, UUID id) {
    return dsl.selectFrom(NOTIFICATIONS).where(NOTIFICATIONS.ID.eq(id)).fetchSingle();
  }
}
