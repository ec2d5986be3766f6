package io.influmeter.api.analytics;

import static io.influmeter.api.db.Tables.ATTRIBUTIONS;
import static io.influmeter.api.db.Tables.CAMPAIGNS;
import static io.influmeter.api.db.Tables.CAMPAIGN_REVENUE_DAILY;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Fills {@code campaign_revenue_daily} (the performance fees' input, see revenue.RevenueReport)
 * from {@code attributions}: per campaign, UTC day of the order and currency, the net revenue
 * (order - refunds; 0 when cancelled) and the number of billable, not cancelled orders.
 *
 * <p>Idempotent: each run recomputes whole (campaign, day, currency) groups from every order in
 * them and upserts the result, so running twice, or on several instances at once, writes the same
 * rows, and a refund or cancellation (which rewrites the order's row with a new {@code updated_at})
 * lowers its day. Only the groups touched since the last run are recomputed: those with an order
 * whose {@code updated_at} is at least the newest one the previous run saw minus {@link #OVERLAP}
 * (the sink may write a row a little after rows with later timestamps). The watermark is kept in
 * memory: the first run after a start recomputes every group once.
 */
public final class RevenueRollup {
  /** How far back each run looks before the previous run's newest row. */
  static final Duration OVERLAP = Duration.ofMinutes(15);

  private final DSLContext dsl;
  private LocalDateTime since;

  public RevenueRollup(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** One round; returns the number of (campaign, day, currency) rows written. */
  public synchronized int run() {
    LocalDateTime newest =
        dsl.select(DSL.max(ATTRIBUTIONS.UPDATED_AT)).from(ATTRIBUTIONS).fetchOne().value1();
    if (newest == null) {
      return 0;
    }
    Field<LocalDate> day = ATTRIBUTIONS.ORDER_TIME.cast(SQLDataType.LOCALDATE);
    Condition paid = ATTRIBUTIONS.BILLABLE.isTrue().and(ATTRIBUTIONS.CANCELLED.isFalse());
    Condition touched =
        since == null
            ? DSL.noCondition()
            : DSL.row(ATTRIBUTIONS.CAMPAIGN_ID, day, ATTRIBUTIONS.CURRENCY)
                .in(
                    DSL.select(ATTRIBUTIONS.CAMPAIGN_ID, day, ATTRIBUTIONS.CURRENCY)
                        .from(ATTRIBUTIONS)
                        .where(ATTRIBUTIONS.UPDATED_AT.ge(since)));
    int written =
        dsl.insertInto(
                CAMPAIGN_REVENUE_DAILY,
                CAMPAIGN_REVENUE_DAILY.CAMPAIGN_ID,
                CAMPAIGN_REVENUE_DAILY.DAY,
                CAMPAIGN_REVENUE_DAILY.CURRENCY,
                CAMPAIGN_REVENUE_DAILY.NET_REVENUE_MINOR,
                CAMPAIGN_REVENUE_DAILY.CONVERSIONS)
            .select(
                DSL.select(
                        CAMPAIGNS.ID,
                        day,
                        ATTRIBUTIONS.CURRENCY,
                        DSL.coalesce(
                                DSL.sum(ATTRIBUTIONS.NET_AMOUNT_MINOR).filterWhere(paid),
                                DSL.inline(java.math.BigDecimal.ZERO))
                            .cast(SQLDataType.BIGINT),
                        DSL.count().filterWhere(paid).cast(SQLDataType.BIGINT))
                    .from(ATTRIBUTIONS)
                    // Only campaigns that exist (the daily table has a foreign key to them).
                    .join(CAMPAIGNS)
                    .on(CAMPAIGNS.ID.cast(SQLDataType.VARCHAR).eq(ATTRIBUTIONS.CAMPAIGN_ID))
                    .where(touched)
                    .groupBy(CAMPAIGNS.ID, day, ATTRIBUTIONS.CURRENCY))
            .onConflict(
                CAMPAIGN_REVENUE_DAILY.CAMPAIGN_ID,
                CAMPAIGN_REVENUE_DAILY.DAY,
                CAMPAIGN_REVENUE_DAILY.CURRENCY)
            .doUpdate()
            .set(
                CAMPAIGN_REVENUE_DAILY.NET_REVENUE_MINOR,
                DSL.excluded(CAMPAIGN_REVENUE_DAILY.NET_REVENUE_MINOR))
            .set(
                CAMPAIGN_REVENUE_DAILY.CONVERSIONS,
                DSL.excluded(CAMPAIGN_REVENUE_DAILY.CONVERSIONS))
            .execute();
    since = newest.minus(OVERLAP);
    return written;
  }
}
