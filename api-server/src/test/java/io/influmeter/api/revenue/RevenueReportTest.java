package io.influmeter.api.revenue;

import static io.influmeter.api.db.Tables.CAMPAIGN_REVENUE_DAILY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.Campaigns;
import io.influmeter.api.support.Multipart;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fee rules, subscriptions, the revenue report (JSON and CSV) and the admin dashboard. */
class RevenueReportTest extends ApiTest {
  private TestApi.Account admin;
  private TestApi.Account brand;

  @BeforeEach
  void accounts() {
    admin = api.admin();
    brand = api.register("BRAND");
  }

  @Test
  void the_report_sums_subscriptions_and_fees_per_month_exactly() {
    var fixture = Campaigns.now();
    UUID byCampaignRule =
        fixture.of(brand.id()).name("Launch, \"Part 1\"\nNairobi").status("ACTIVE").insert();
    UUID byPlanRule = fixture.of(brand.id()).name("Plain").status("ACTIVE").insert();
    UUID noRule = fixture.of(api.register("BRAND").id()).name("No rule").status("ACTIVE").insert();

    var rule =
        http.put(
            "/admin/campaigns/" + byCampaignRule + "/fee-rule",
            admin.accessToken(),
            Map.of("percent", "2.5", "fixedPerConversionMinor", 10));
    assertThat(rule.status()).as(rule.body()).isEqualTo(200);
    assertThat(rule.json().get("percent").decimalValue()).isEqualByComparingTo("2.5");
    assertThat(
            http.put(
                    "/admin/plans/growth/fee-rule",
                    admin.accessToken(),
                    Map.of("percent", new java.math.BigDecimal("1.2345")))
                .status())
        .isEqualTo(200);
    var subscription =
        http.post(
            "/admin/subscriptions",
            admin.accessToken(),
            Map.of(
                "brandId", brand.id().toString(),
                "plan", "growth",
                "amountMinor", 4_999_00,
                "currency", "KES",
                "periodStart", "2026-01-01",
                "periodEnd", "2026-03-31"));
    assertThat(subscription.status()).as(subscription.body()).isEqualTo(201);

    // January: 1,000.01 + 333.33 of net revenue through the campaign rule (2.5% + 10/conv).
    revenue(byCampaignRule, "2026-01-03", 100_001, 3);
    revenue(byCampaignRule, "2026-01-20", 33_333, 1);
    // January: plan rule 1.2345% of 10,000.00 = 123.45 exactly -> 12345 minor.
    revenue(byPlanRule, "2026-01-31", 1_000_000, 7);
    // February: no rule at all -> fee 0; and a day outside the range.
    revenue(noRule, "2026-02-10", 50_000, 2);
    revenue(byCampaignRule, "2026-04-01", 999_999, 9);

    JsonNode report =
        http.get("/admin/reports/revenue?from=2026-01-01&to=2026-03-31", admin.accessToken())
            .json();

    // 133,334 * 2.5% = 3333.35 -> 3333 (half-even) + 4 * 10 = 3373.
    JsonNode january = report.get("months").get(0);
    assertThat(january.get("month").asText()).isEqualTo("2026-01");
    assertThat(january.get("subscriptionMinor").asLong()).isEqualTo(4_999_00);
    assertThat(january.get("performanceFeeMinor").asLong()).isEqualTo(3_373 + 12_345);
    assertThat(january.get("totalMinor").asLong()).isEqualTo(4_999_00 + 3_373 + 12_345);
    JsonNode february = report.get("months").get(1);
    assertThat(february.get("month").asText()).isEqualTo("2026-02");
    assertThat(february.get("performanceFeeMinor").asLong()).isZero();
    assertThat(report.get("months")).hasSize(2);
    assertThat(report.get("lines")).hasSize(4);
  }

  @Test
  void the_csv_report_quotes_names_with_commas_quotes_and_newlines() {
    UUID campaign =
        Campaigns.now()
            .of(brand.id())
            .name("Launch, \"Part 1\"\nNairobi")
            .status("ACTIVE")
            .insert();
    http.put(
        "/admin/campaigns/" + campaign + "/fee-rule", admin.accessToken(), Map.of("percent", 10));
    revenue(campaign, "2026-05-05", 12_345, 1);

    var csv =
        http.get(
            "/admin/reports/revenue?from=2026-05-01&to=2026-05-31&format=csv", admin.accessToken());

    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body())
        .startsWith(
            "month,currency,kind,reference_id,name,basis_minor,conversions,rule,amount_minor\r\n")
        .contains(
            "2026-05,KES,PERFORMANCE_FEE,"
                + campaign
                + ",\"Launch, \"\"Part 1\"\"\nNairobi\",12345,1,CAMPAIGN,1234\r\n")
        .endsWith("2026-05,KES,TOTAL,,,,,,1234\r\n");
  }

  @Test
  void bad_report_parameters_and_fee_rules_are_refused_with_field_errors() {
    var noDates = http.get("/admin/reports/revenue", admin.accessToken());
    assertThat(noDates.status()).isEqualTo(400);
    assertThat(noDates.json().get("errors")).hasSize(2);
    assertThat(
            http.get(
                    "/admin/reports/revenue?from=2026-02-01&to=2026-01-01&format=xml",
                    admin.accessToken())
                .json()
                .get("errors"))
        .hasSize(2);
    UUID campaign = Campaigns.now().of(brand.id()).insert();
    var tooPrecise =
        http.put(
            "/admin/campaigns/" + campaign + "/fee-rule",
            admin.accessToken(),
            Map.of("percent", "1.23456"));
    assertThat(tooPrecise.status()).isEqualTo(400);
    assertThat(
            http.put(
                    "/admin/campaigns/" + UUID.randomUUID() + "/fee-rule",
                    admin.accessToken(),
                    Map.of("percent", "1"))
                .status())
        .isEqualTo(404);
  }

  @Test
  void the_dashboard_counts_users_campaigns_reviews_disputes_and_this_months_revenue() {
    var fixture = Campaigns.now();
    var influencer = api.register("INFLUENCER");
    fixture.of(brand.id()).name("Waiting").status("SUBMITTED").insert();
    fixture.of(brand.id()).name("Waiting too").status("SUBMITTED").insert();
    UUID active = fixture.of(brand.id()).name("Running").status("ACTIVE").insert();
    fixture.participant(active, influencer.id(), "ACCEPTED");
    var upload =
        Multipart.upload(
            api,
            "/campaigns/" + active + "/content",
            influencer.accessToken(),
            io.influmeter.api.support.Media.png(4, 4),
            "a.png",
            "image/png",
            null);
    http.post(
        "/content/" + upload.json().get("content").get("id").asText() + "/flags",
        brand.accessToken(),
        Map.of("reason", "spam"));
    http.post(
        "/disputes",
        influencer.accessToken(),
        Map.of(
            "campaignId", active.toString(),
            "subject", "PAYOUT",
            "reference", "p-1",
            "description", "missing"));
    LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    http.post(
        "/admin/subscriptions",
        admin.accessToken(),
        Map.of(
            "brandId",
            brand.id().toString(),
            "plan",
            "starter",
            "amountMinor",
            1_000,
            "currency",
            "USD",
            "periodStart",
            today.withDayOfMonth(1).toString(),
            "periodEnd",
            today.withDayOfMonth(1).plusMonths(1).minusDays(1).toString()));

    JsonNode dashboard = http.get("/admin/dashboard", admin.accessToken()).json();

    assertThat(count(dashboard.get("users"), "role", "BRAND")).isEqualTo(1);
    assertThat(count(dashboard.get("users"), "role", "INFLUENCER")).isEqualTo(1);
    assertThat(count(dashboard.get("users"), "role", "ADMIN")).isEqualTo(1);
    assertThat(count(dashboard.get("campaigns"), "status", "SUBMITTED")).isEqualTo(2);
    assertThat(count(dashboard.get("campaigns"), "status", "ACTIVE")).isEqualTo(1);
    assertThat(dashboard.get("pendingReviews").get("submittedCampaigns").asInt()).isEqualTo(2);
    assertThat(dashboard.get("pendingReviews").get("flaggedContent").asInt()).isEqualTo(1);
    assertThat(dashboard.get("openDisputes").asInt()).isEqualTo(1);
    JsonNode revenue = dashboard.get("revenueThisMonth").get("totals").get(0);
    assertThat(revenue.get("currency").asText()).isEqualTo("USD");
    assertThat(revenue.get("totalMinor").asLong()).isEqualTo(1_000);
  }

  private static int count(JsonNode rows, String field, String value) {
    int total = 0;
    for (JsonNode row : rows) {
      if (row.get(field).asText().equals(value)) {
        total += row.get("count").asInt();
      }
    }
    return total;
  }

  private static void revenue(UUID campaignId, String day, long netMinor, long conversions) {
    TestDatabase.get()
        .dsl()
        .insertInto(CAMPAIGN_REVENUE_DAILY)
        .set(CAMPAIGN_REVENUE_DAILY.CAMPAIGN_ID, campaignId)
        .set(CAMPAIGN_REVENUE_DAILY.DAY, LocalDate.parse(day))
        .set(CAMPAIGN_REVENUE_DAILY.CURRENCY, "KES")
        .set(CAMPAIGN_REVENUE_DAILY.NET_REVENUE_MINOR, netMinor)
        .set(CAMPAIGN_REVENUE_DAILY.CONVERSIONS, conversions)
        .execute();
  }
}
