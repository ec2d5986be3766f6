package io.influmeter.api.notifications;

import static io.influmeter.api.db.Tables.CAMPAIGNS;
import static io.influmeter.api.db.Tables.CAMPAIGN_PARTICIPANTS;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Queues CAMPAIGN_ENDING_SOON for every ACTIVE campaign whose end is within the configured number
 * of days: one e-mail to the brand and one to each ACCEPTED participant. The campaign row is locked
 * ({@code FOR UPDATE SKIP LOCKED}) and stamped {@code ending_soon_notified_at} in the transaction
 * that queues its e-mails, so a campaign is announced exactly once however many instances sweep and
 * however often they restart.
 */
public final class EndingSoonSweep {
  private static final int BATCH = 100;
  private static final DateTimeFormatter END_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

  private final DSLContext dsl;
  private final Clock clock;
  private final NotificationOutbox outbox;
  private final Duration window;

  public EndingSoonSweep(DSLContext dsl, Clock clock, NotificationOutbox outbox, int days) {
    this.dsl = dsl;
    this.clock = clock;
    this.outbox = outbox;
    this.window = Duration.ofDays(days);
  }

  /** Announces every campaign now ending soon; returns the number of e-mails queued. */
  public int sweep() {
    int total = 0;
    while (true) {
      int[] result = sweepBatch();
      total += result[1];
      if (result[0] < BATCH) {
        return total;
      }
    }
  }

  /** One transaction over at most {@link #BATCH} campaigns: {campaigns, e-mails}. */
  private int[] sweepBatch() {
    return dsl.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
          var campaigns =
              tx.select(CAMPAIGNS.ID, CAMPAIGNS.BRAND_ID, CAMPAIGNS.NAME, CAMPAIGNS.ENDS_AT)
                  .from(CAMPAIGNS)
                  .where(CAMPAIGNS.STATUS.eq("ACTIVE"))
                  .and(CAMPAIGNS.ENDING_SOON_NOTIFIED_AT.isNull())
                  .and(CAMPAIGNS.ENDS_AT.gt(now))
                  .and(CAMPAIGNS.ENDS_AT.le(now.plus(window)))
                  .orderBy(CAMPAIGNS.ENDS_AT)
                  .limit(BATCH)
                  .forUpdate()
                  .skipLocked()
                  .fetch();
          int emails = 0;
          for (var campaign : campaigns) {
            UUID id = campaign.get(CAMPAIGNS.ID);
            OffsetDateTime endsAt = campaign.get(CAMPAIGNS.ENDS_AT);
            Map<String, String> facts =
                Map.of(
                    "campaignId", id.toString(),
                    "campaignName", campaign.get(CAMPAIGNS.NAME),
                    "endsAt", END_FORMAT.format(endsAt.withOffsetSameInstant(ZoneOffset.UTC)),
                    "daysLeft", String.valueOf(daysLeft(now, endsAt)));
            outbox.enqueue(
                tx, campaign.get(CAMPAIGNS.BRAND_ID), NotificationKind.CAMPAIGN_ENDING_SOON, facts);
            emails++;
            List<UUID> participants =
                tx.select(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID)
                    .from(CAMPAIGN_PARTICIPANTS)
                    .where(CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID.eq(id))
                    .and(CAMPAIGN_PARTICIPANTS.STATUS.eq("ACCEPTED"))
                    .orderBy(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID)
                    .fetch(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID);
            for (UUID influencer : participants) {
              outbox.enqueue(tx, influencer, NotificationKind.CAMPAIGN_ENDING_SOON, facts);
              emails++;
            }
            tx.update(CAMPAIGNS)
                .set(CAMPAIGNS.ENDING_SOON_NOTIFIED_AT, now)
                .where(CAMPAIGNS.ID.eq(id))
                .execute();
          }
          return new int[] {campaigns.size(), emails};
        });
  }

  /** Whole days left, rounded up: a campaign ending in 36 hours ends "in 2 days". */
  static long daysLeft(OffsetDateTime now, OffsetDateTime endsAt) {
    long seconds = Duration.between(now, endsAt).toSeconds();
    long day = Duration.ofDays(1).toSeconds();
    return Math.max(1, (seconds + day - 1) / day);
  }
}
