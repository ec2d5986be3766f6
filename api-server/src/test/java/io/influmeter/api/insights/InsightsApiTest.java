package io.influmeter.api.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.TestDatabase;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InsightsApiTest extends ApiTest {

  @Test
  void a_brand_gets_a_grounded_offline_report_on_demand_and_sees_it_listed_newest_first() {
    var brand = api.register("BRAND");
    var dsl = TestDatabase.get().dsl();
    UUID campaign = InsightFixtures.campaign(dsl, brand.id(), clock.instant());
    InsightFixtures.seedPerformance(dsl, campaign, clock.instant());

    var created = http.post("/campaigns/" + campaign + "/insights", brand.accessToken(), null);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode insight = created.json();
    assertThat(insight.get("provider").asText()).isEqualTo("BUILTIN");
    assertThat(insight.get("kind").asText()).isEqualTo("ON_DEMAND");
    assertThat(insight.get("grounded").asBoolean()).isTrue();
    assertThat(insight.get("summary").asText()).contains("850 clicks");
    assertThat(insight.get("promptSha256").asText()).matches("[0-9a-f]{64}");
    assertThat(insight.get("cost").decimalValue()).isZero();
    assertThat(insight.get("suggestions").get(0).get("numbers")).isNotEmpty();

    clock.advance(Duration.ofMinutes(2));
    var second = http.post("/campaigns/" + campaign + "/insights", brand.accessToken(), null);
    assertThat(second.status()).isEqualTo(201);
    var list = http.get("/campaigns/" + campaign + "/insights", brand.accessToken());
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get("insights")).hasSize(2);
    assertThat(list.json().at("/insights/0/id").asText())
        .isEqualTo(second.json().get("id").asText());
  }

  @Test
  void on_demand_reports_are_limited_per_campaign_and_other_brands_get_404() {
    var brand = api.register("BRAND");
    var other = api.register("BRAND");
    UUID campaign = InsightFixtures.campaign(TestDatabase.get().dsl(), brand.id(), clock.instant());

    assertThat(
            http.post("/campaigns/" + campaign + "/insights", brand.accessToken(), null).status())
        .isEqualTo(201);
    var limited = http.post("/campaigns/" + campaign + "/insights", brand.accessToken(), null);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isNotBlank();
    assertThat(limited.contentType()).startsWith("application/problem+json");

    assertThat(
            http.post("/campaigns/" + campaign + "/insights", other.accessToken(), null).status())
        .isEqualTo(404);
    assertThat(http.get("/campaigns/" + campaign + "/insights", other.accessToken()).status())
        .isEqualTo(404);
    assertThat(
            http.get("/campaigns/" + UUID.randomUUID() + "/insights", brand.accessToken()).status())
        .isEqualTo(404);
  }

  @Test
  void admins_see_cost_and_tokens_per_day_and_model_and_bad_dates_are_problems() {
    var brand = api.register("BRAND");
    var admin = api.admin();
    UUID campaign = InsightFixtures.campaign(TestDatabase.get().dsl(), brand.id(), clock.instant());
    http.post("/campaigns/" + campaign + "/insights", admin.accessToken(), null);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

    var costs =
        http.get("/admin/insights/costs?from=" + today + "&to=" + today, admin.accessToken());

    assertThat(costs.status()).as(costs.body()).isEqualTo(200);
    JsonNode day = costs.json().at("/days/0");
    assertThat(day.get("day").asText()).isEqualTo(today.toString());
    assertThat(day.get("model").asText()).isEqualTo(BuiltinWriter.MODEL);
    assertThat(day.get("reports").asInt()).isEqualTo(1);
    assertThat(day.get("totalTokens").asLong()).isZero();
    var bad = http.get("/admin/insights/costs?from=yesterday", admin.accessToken());
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("from");
  }

  @Test
  void the_periodic_summary_is_written_once_per_period_for_active_campaigns() {
    var brand = api.register("BRAND");
    var dsl = TestDatabase.get().dsl();
    UUID campaign = InsightFixtures.campaign(dsl, brand.id(), clock.instant());
    InsightFixtures.seedPerformance(dsl, campaign, clock.instant());
    PeriodicSummaries periodic = api.server().insights().periodicSummaries();

    assertThat(periodic.runOnce()).isEqualTo(1);
    assertThat(periodic.runOnce()).isZero();
    clock.advance(Duration.ofDays(7).plusMinutes(1));
    assertThat(periodic.runOnce()).isEqualTo(1);
    // A week later the first access token has expired: sign in again.
    String token = api.login(brand.email()).accessToken();
    var list = http.get("/campaigns/" + campaign + "/insights", token).json();
    assertThat(list.get("insights")).hasSize(2);
    assertThat(list.at("/insights/1/kind").asText()).isEqualTo("PERIODIC");
  }
}
