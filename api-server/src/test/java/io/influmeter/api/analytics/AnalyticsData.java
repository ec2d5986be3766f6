package io.influmeter.api.analytics;

import static io.influmeter.api.db.Tables.CREATOR_PROFILES;

import io.influmeter.api.support.Campaigns;
import io.influmeter.api.support.ResultRows;
import io.influmeter.api.support.ResultRows.Credit;
import io.influmeter.api.support.ResultRows.Order;
import io.influmeter.api.support.ResultRows.Window;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jooq.JSON;

/**
 * One campaign of {@code brand} with two accepted influencers and hand-countable rows in the result
 * tables (the figures the tests expect are worked out in {@code AnalyticsApiTest}).
 *
 * <p>Influencer A: Nairobi, FEMALE, niche fashion, INSTAGRAM, 10,000 followers. Influencer B:
 * Mombasa, MALE, niche tech, TIKTOK, 2,000 followers. Hour h1 = now (to the hour) - 5 h, h2 = h1 +
 * 1 h. Orders (KES): o1 A only 100.00 (commission 12.50) at h1+10m; o2 split A/B 60.00 with 20.00
 * refunded (net 40.00, commission 5.00, each half) at h2+5m; o3 B 30.00 cancelled at h1+20m; and
 * rows that must not count: a bot order, an order in USD, another campaign's order, a minute
 * window.
 */
final class AnalyticsData {
  final TestApi.Account brand;
  final TestApi.Account a;
  final TestApi.Account b;
  final UUID campaign;
  final Instant h1;
  final Instant h2;
  final Instant newest;

  AnalyticsData(TestApi api, Instant now) {
    var dsl = TestDatabase.get().dsl();
    brand = api.register("BRAND");
    a = api.register("INFLUENCER");
    b = api.register("INFLUENCER");
    profile(a.id(), "Nairobi", "FEMALE", "fashion", "INSTAGRAM", 10_000L);
    profile(b.id(), "Mombasa", "MALE", "tech", "TIKTOK", 2_000L);
    var campaigns = new Campaigns(dsl, now);
    campaign = campaigns.of(brand.id()).insert();
    campaigns.participant(campaign, a.id(), "ACCEPTED");
    campaigns.participant(campaign, b.id(), "ACCEPTED");
    UUID otherCampaign = campaigns.of(brand.id()).insert();

    h1 = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
    h2 = h1.plus(Duration.ofHours(1));
    newest = now.minus(Duration.ofSeconds(42));
    Instant older = now.minus(Duration.ofMinutes(10));
    String c = campaign.toString();
    var rows = ResultRows.of();
    rows.window(new Window(c, a.id(), "HOUR", h1, 100, 80, 10, 1000, 50, 10, 5, older))
        .window(new Window(c, a.id(), "HOUR", h2, 50, 40, 0, 500, 20, 5, 0, older))
        .window(new Window(c, b.id(), "HOUR", h1, 30, 25, 5, 200, 10, 2, 1, older))
        // Minute rows are for minute series only; the hour rows already hold them.
        .window(new Window(c, a.id(), "MINUTE", h1, 999, 999, 0, 0, 0, 0, 0, older))
        .window(
            new Window(
                otherCampaign.toString(), a.id(), "HOUR", h1, 7000, 7000, 0, 0, 0, 0, 0, older));

    rows.order(
            order("o1", 10_000, 0, 1_250, false, true, h1.plusSeconds(600), older)
                .credits(List.of(new Credit(a.id(), 1_000_000, 10_000, 1_250))))
        .order(
            order("o2", 6_000, 2_000, 500, false, true, h2.plusSeconds(300), newest)
                .credits(
                    List.of(
                        new Credit(a.id(), 500_000, 2_000, 250),
                        new Credit(b.id(), 500_000, 2_000, 250))))
        .order(
            order("o3", 3_000, 0, 0, true, true, h1.plusSeconds(1_200), older)
                .credits(List.of(new Credit(b.id(), 1_000_000, 0, 0))))
        .order(
            order("bot", 5_000, 0, 0, false, false, h1.plusSeconds(60), older)
                .credits(List.of(new Credit(a.id(), 1_000_000, 5_000, 0))))
        .order(
            new Order(
                "usd",
                brand.id(),
                campaign,
                "USD",
                900,
                0,
                100,
                false,
                true,
                h1.plusSeconds(60),
                older,
                List.of(new Credit(a.id(), 1_000_000, 900, 100))))
        .order(
            new Order(
                "other",
                brand.id(),
                otherCampaign,
                "KES",
                70_000,
                0,
                100,
                false,
                true,
                h1.plusSeconds(60),
                older,
                List.of(new Credit(a.id(), 1_000_000, 70_000, 100))));
  }

  /** A KES order of the campaign; {@link OrderDraft#credits} completes it. */
  private OrderDraft order(
      String id,
      long amount,
      long refunded,
      long commission,
      boolean cancelled,
      boolean billable,
      Instant at,
      Instant updated) {
    return credits ->
        new Order(
            id,
            brand.id(),
            campaign,
            "KES",
            amount,
            refunded,
            commission,
            cancelled,
            billable,
            at,
            updated,
            credits);
  }

  private interface OrderDraft {
    Order credits(List<Credit> credits);
  }

  static void profile(
      UUID influencer,
      String region,
      String gender,
      String niche,
      String platform,
      Long followers) {
    var dsl = TestDatabase.get().dsl();
    var p = CREATOR_PROFILES;
    dsl.insertInto(p)
        .set(p.USER_ID, influencer)
        .set(p.REGION, region)
        .set(p.GENDER, gender)
        .set(p.NICHE, niche)
        .set(p.PLATFORMS, JSON.valueOf("[\"" + platform + "\"]"))
        .set(p.FOLLOWERS_TOTAL, followers)
        .onConflict(p.USER_ID)
        .doUpdate()
        .set(p.REGION, region)
        .set(p.GENDER, gender)
        .set(p.NICHE, niche)
        .set(p.PLATFORMS, JSON.valueOf("[\"" + platform + "\"]"))
        .set(p.FOLLOWERS_TOTAL, followers)
        .execute();
  }
}
