package io.influmeter.api.analytics;

import static io.influmeter.api.db.Tables.ATTRIBUTIONS;
import static io.influmeter.api.db.Tables.CAMPAIGN_REVENUE_DAILY;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.insights.InsightFixtures;
import io.influmeter.api.support.ResultRows;
import io.influmeter.api.support.ResultRows.Credit;
import io.influmeter.api.support.ResultRows.Order;
import io.influmeter.api.support.TestDatabase;
import io.influmeter.embedded.junit.EmbeddedServices;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * campaign_revenue_daily from attributions: exact sums, idempotent, refunds and cancels lower it.
 */
@ExtendWith(EmbeddedServices.class)
class RevenueRollupTest {
  private static final Instant DAY1 = Instant.parse("2026-03-10T08:00:00Z");
  private static final Instant DAY2 = Instant.parse("2026-03-11T23:59:00Z");
  private final DSLContext dsl = TestDatabase.get().dsl();
  private UUID brand;
  private UUID campaign;
  private UUID influencer;
  private Instant updated = Instant.parse("2026-03-12T00:00:00Z");

  @BeforeEach
  void seed() {
    TestDatabase.get().reset();
    brand = InsightFixtures.brand(dsl, DAY1);
    campaign = InsightFixtures.campaign(dsl, brand, DAY1);
    influencer = InsightFixtures.influencer(dsl, "amani", "fashion", "Nairobi", 1000, DAY1);
    var rows = new ResultRows(dsl);
    rows.order(order("o1", "KES", 10_000, 0, false, true, DAY1))
        .order(order("o2", "KES", 6_000, 2_000, false, true, DAY1.plusSeconds(60)))
        .order(order("o3", "KES", 3_000, 0, true, true, DAY1.plusSeconds(120)))
        .order(order("bot", "KES", 7_000, 0, false, false, DAY1.plusSeconds(180)))
        .order(order("usd", "USD", 900, 0, false, true, DAY1.plusSeconds(240)))
        .order(order("o4", "KES", 5_000, 0, false, true, DAY2));
    // An order of a campaign this database does not know is skipped (foreign key).
    rows.order(
        new Order(
            "stray",
            brand,
            UUID.randomUUID(),
            "KES",
            1,
            0,
            0,
            false,
            true,
            DAY1,
            updated,
            List.of()));
  }

  private Order order(
      String id,
      String currency,
      long amount,
      long refunded,
      boolean cancelled,
      boolean billable,
      Instant at) {
    long net = cancelled ? 0 : amount - refunded;
    return new Order(
        id,
        brand,
        campaign,
        currency,
        amount,
        refunded,
        net / 10,
        cancelled,
        billable,
        at,
        updated,
        List.of(new Credit(influencer, 1_000_000, net, net / 10)));
  }

  private List<String> daily() {
    return dsl.selectFrom(CAMPAIGN_REVENUE_DAILY)
        .orderBy(CAMPAIGN_REVENUE_DAILY.DAY, CAMPAIGN_REVENUE_DAILY.CURRENCY)
        .fetch(
            r ->
                r.getDay()
                    + " "
                    + r.getCurrency()
                    + " net="
                    + r.getNetRevenueMinor()
                    + " conversions="
                    + r.getConversions());
  }

  /** What the sink does when the attribution job emits a new revision of an order. */
  private void revise(String orderId, long refunded, boolean cancelled) {
    updated = updated.plusSeconds(60);
    dsl.update(ATTRIBUTIONS)
        .set(ATTRIBUTIONS.REFUNDED_AMOUNT_MINOR, refunded)
        .set(
            ATTRIBUTIONS.NET_AMOUNT_MINOR,
            cancelled
                ? org.jooq.impl.DSL.inline(0L)
                : ATTRIBUTIONS.ORDER_AMOUNT_MINOR.minus(refunded))
        .set(ATTRIBUTIONS.CANCELLED, cancelled)
        .set(ATTRIBUTIONS.UPDATED_AT, LocalDateTime.ofInstant(updated, ZoneOffset.UTC))
        .set(ATTRIBUTIONS.REVISION, ATTRIBUTIONS.REVISION.plus(1))
        .where(ATTRIBUTIONS.ORDER_ID.eq(orderId))
        .execute();
  }

  @Test
  void a_run_writes_net_revenue_and_conversions_per_campaign_utc_day_and_currency() {
    int written = new RevenueRollup(dsl).run();

    assertThat(written).isEqualTo(3);
    // Day 1 KES: o1 10,000 + o2 4,000 net; o3 cancelled and the bot order count nothing.
    assertThat(daily())
        .containsExactly(
            "2026-03-10 KES net=14000 conversions=2",
            "2026-03-10 USD net=900 conversions=1",
            "2026-03-11 KES net=5000 conversions=1");
  }

  @Test
  void running_again_writes_the_same_rows_and_only_touched_days() {
    var rollup = new RevenueRollup(dsl);
    rollup.run();
    var before = daily();

    assertThat(new RevenueRollup(dsl).run()).isEqualTo(3); // a fresh instance: everything again
    assertThat(daily()).isEqualTo(before);
    revise("o4", 0, false); // touches day 2 only
    assertThat(rollup.run()).isEqualTo(3); // the overlap still covers the first rows' timestamp
    assertThat(daily()).isEqualTo(before);
  }

  @Test
  void refunds_and_cancellations_lower_the_day_on_the_next_run() {
    var rollup = new RevenueRollup(dsl);
    rollup.run();

    revise("o4", 5_000, false);
    revise("o1", 0, true);
    rollup.run();

    assertThat(daily())
        .containsExactly(
            "2026-03-10 KES net=4000 conversions=1",
            "2026-03-10 USD net=900 conversions=1",
            "2026-03-11 KES net=0 conversions=1");
  }

  @Test
  void a_run_after_the_overlap_recomputes_only_the_touched_groups() {
    var rollup = new RevenueRollup(dsl);
    rollup.run();
    updated = updated.plus(RevenueRollup.OVERLAP).plusSeconds(60);
    revise("o4", 1_000, false);
    rollup.run(); // still everything: the first rows are within the overlap of the first run
    // Overwrite a day-1 row by hand: a run that recomputed day 1 would restore it.
    dsl.update(CAMPAIGN_REVENUE_DAILY)
        .set(CAMPAIGN_REVENUE_DAILY.NET_REVENUE_MINOR, 1L)
        .where(CAMPAIGN_REVENUE_DAILY.CURRENCY.eq("USD"))
        .execute();
    revise("o4", 2_000, false);

    assertThat(rollup.run()).isEqualTo(1);
    assertThat(daily())
        .containsExactly(
            "2026-03-10 KES net=14000 conversions=2",
            "2026-03-10 USD net=1 conversions=1",
            "2026-03-11 KES net=3000 conversions=1");
  }
}
