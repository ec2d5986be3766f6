package io.influmeter.api.live;

import static io.influmeter.api.db.Tables.ATTRIBUTIONS;
import static io.influmeter.api.db.Tables.ENGAGEMENT_WINDOWS;

import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What the live stream reads: how fresh a campaign's numbers are (who may watch is {@link
 * io.influmeter.api.analytics.CampaignAccess}, the analytics answers' own rule).
 */
final class LiveRepository {
  private final DSLContext dsl;

  LiveRepository(DSLContext dsl) {
    this.dsl = dsl;
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
