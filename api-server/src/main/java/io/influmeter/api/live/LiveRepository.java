package io.influmeter.api.live;

import static io.influmeter.api.db.Tables.ATTRIBUTIONS;
import static io.influmeter.api.db.Tables.CAMPAIGNS;
import static io.influmeter.api.db.Tables.CAMPAIGN_PARTICIPANTS;
import static io.influmeter.api.db.Tables.ENGAGEMENT_WINDOWS;

import io.influmeter.api.auth.Role;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** What the live stream reads: who may watch a campaign, and how fresh its numbers are. */
final class LiveRepository {
  private final DSLContext dsl;

  LiveRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Whether this caller may watch the campaign: its brand, an admin, or an influencer accepted in
   * it (the same people the campaign's analytics summary answers). Everyone else, and campaigns
   * that do not exist, look alike to the caller (404).
   */
  boolean mayWatch(UUID userId, Role role, UUID campaignId) {
    return switch (role) {
      case ADMIN -> dsl.fetchExists(CAMPAIGNS, CAMPAIGNS.ID.eq(campaignId));
      case BRAND ->
          dsl.fetchExists(
              CAMPAIGNS, CAMPAIGNS.ID.eq(campaignId).and(CAMPAIGNS.BRAND_ID.eq(userId)));
      case INFLUENCER ->
          dsl.fetchExists(
              CAMPAIGN_PARTICIPANTS,
              CAMPAIGN_PARTICIPANTS
                  .CAMPAIGN_ID
                  .eq(campaignId)
                  .and(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID.eq(userId))
                  .and(CAMPAIGN_PARTICIPANTS.STATUS.eq("ACCEPTED")));
    };
  }

  /**
   * The newest {@code updated_at} over the campaign's rows in both result tables (UTC timestamps
   * without a zone, as the sinks write them; what the analytics answers call {@code as_of}), or
   * empty when it has none yet.
   */
  Optional<LocalDateTime> asOf(UUID campaignId) {
    String id = campaignId.toString();
    var attributions =
        DSL.select(DSL.max(ATTRIBUTIONS.UPDATED_AT).as("t"))
            .from(ATTRIBUTIONS)
            .where(ATTRIBUTIONS.CAMPAIGN_ID.eq(id));
    var windows =
        DSL.select(DSL.max(ENGAGEMENT_WINDOWS.UPDATED_AT).as("t"))
            .from(ENGAGEMENT_WINDOWS)
            .where(ENGAGEMENT_WINDOWS.CAMPAIGN_ID.eq(id));
    var both = attributions.unionAll(windows).asTable("newest");
    LocalDateTime newest =
        dsl.select(DSL.max(both.field("t", LocalDateTime.class)))
            .from(both)
            .fetchOne(0, LocalDateTime.class);
    return Optional.ofNullable(newest);
  }
}
