package io.influmeter.api.campaigns;

import static io.influmeter.api.db.Tables.CAMPAIGNS;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.CampaignFixture;
import io.influmeter.api.support.Http;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CampaignValidationTest extends ApiTest {
  private CampaignFixture campaigns;
  private TestApi.Account brand;

  @BeforeEach
  void brand() {
    campaigns = new CampaignFixture(http, clock);
    brand = api.register("BRAND");
  }

  private Http.Response create(Map<String, Object> changes) {
    Map<String, Object> body = new HashMap<>(campaigns.body());
    body.putAll(changes);
    return http.post("/brands/campaigns", brand.accessToken(), body);
  }

  private static List<String> fields(Http.Response response) {
    return response.json().findValuesAsText("field");
  }

  @Test
  void a_valid_campaign_is_stored_as_a_draft_with_its_budget_exact_in_minor_units() {
    var response = create(Map.of("budget", "150000.50", "currency", "KES"));

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    var json = response.json();
    assertThat(json.get("status").asText()).isEqualTo("DRAFT");
    assertThat(json.get("budget").asText()).isEqualTo("150000.50");
    assertThat(json.at("/commission/percent").asText()).isEqualTo("12.5");
    assertThat(json.get("attributionLookbackDays").asInt()).isEqualTo(30);
    assertThat(json.get("attributionModel").asText()).isEqualTo("LAST_CLICK");
    assertThat(json.get("allowedActions").toString()).isEqualTo("[\"submit\",\"cancel\"]");
    long minor =
        TestDatabase.get()
            .dsl()
            .select(CAMPAIGNS.BUDGET_MINOR)
            .from(CAMPAIGNS)
            .where(CAMPAIGNS.ID.eq(UUID.fromString(json.get("id").asText())))
            .fetchOne(CAMPAIGNS.BUDGET_MINOR);
    assertThat(minor).isEqualTo(15_000_050L);
  }

  @ParameterizedTest(name = "{0} {1} is refused")
  @CsvSource({
    "10.005, KES, budget",
    "100.5, JPY, budget",
    "1e3, KES, budget",
    "-5, KES, budget",
    "'1,000', KES, budget",
    "100, kes, currency",
    "100, XYZ, currency",
  })
  void budgets_with_too_many_decimals_or_bad_amounts_or_currencies_are_refused(
      String budget, String currency, String field) {
    var response = create(Map.of("budget", budget, "currency", currency));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(fields(response)).contains(field);
  }

  @Test
  void a_currency_without_minor_units_takes_whole_amounts() {
    var response = create(Map.of("budget", "5000", "currency", "JPY"));

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(response.json().get("budget").asText()).isEqualTo("5000");
  }

  @Test
  void the_end_must_come_after_the_start() {
    Instant start = clock.instant().plus(Duration.ofDays(5));

    var response =
        create(Map.of("startsAt", start.toString(), "endsAt", start.minusSeconds(1).toString()));
    var unreadable = create(Map.of("startsAt", "next tuesday"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("endsAt");
    assertThat(unreadable.status()).isEqualTo(400);
    assertThat(fields(unreadable)).containsExactly("startsAt");
  }

  @ParameterizedTest(name = "{0} = {1} is refused")
  @CsvSource({
    "landingUrl, javascript:alert(1)",
    "landingUrl, ftp://files.example.test/x",
    "landingUrl, //shop.example.test/x",
    "landingUrl, https://user:pass@shop.example.test/",
    "fallbackUrl, data:text/html;base64,PHNjcmlwdD4=",
  })
  void only_absolute_http_urls_are_accepted(String field, String url) {
    var response = create(Map.of(field, url));

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response)).containsExactly(field);
  }

  @ParameterizedTest(name = "{0} {1} {2} is refused")
  @CsvSource({
    "PERCENTAGE, 0, , commission.percent",
    "PERCENTAGE, 100.01, , commission.percent",
    "PERCENTAGE, 12.345, , commission.percent",
    "PERCENTAGE, , , commission.percent",
    "FIXED, , 2.505, commission.amount",
    "FIXED, , 0, commission.amount",
    "FIXED, 10, 2.50, commission.percent",
    "BOGUS, 10, , commission.type",
  })
  void commissions_are_exact_and_in_range(
      String type, String percent, String amount, String field) {
    Map<String, Object> commission = new HashMap<>();
    commission.put("type", type);
    commission.put("percent", percent);
    commission.put("amount", amount);

    var response = create(Map.of("commission", commission));

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response)).containsExactly(field);
  }

  @Test
  void a_fixed_commission_and_a_full_percentage_are_accepted() {
    var fixed = create(Map.of("commission", Map.of("type", "FIXED", "amount", "250.50")));
    var full = create(Map.of("commission", Map.of("type", "PERCENTAGE", "percent", "100")));

    assertThat(fixed.status()).as(fixed.body()).isEqualTo(201);
    assertThat(fixed.json().at("/commission/amount").asText()).isEqualTo("250.50");
    assertThat(full.json().at("/commission/percent").asText()).isEqualTo("100");
  }

  @Test
  void every_bad_field_is_reported_at_once() {
    var response =
        create(
            Map.of(
                "name",
                "",
                "objective",
                "FAME",
                "attributionLookbackDays",
                366,
                "attributionModel",
                "RANDOM",
                "utmTemplate",
                Map.of("utm_source", "ok", "ref", "x"),
                "targetFilters",
                Map.of(
                    "genders",
                    List.of("ROBOT"),
                    "platforms",
                    List.of("MYSPACE"),
                    "minFollowers",
                    5000,
                    "maxFollowers",
                    10,
                    "minEngagementRate",
                    "1.5")));

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response))
        .containsExactlyInAnyOrder(
            "name",
            "objective",
            "attributionLookbackDays",
            "attributionModel",
            "utmTemplate.ref",
            "targetFilters.genders",
            "targetFilters.platforms",
            "targetFilters.maxFollowers",
            "targetFilters.minEngagementRate");
  }

  @Test
  void unknown_fields_and_a_version_on_create_are_refused() {
    var unknown = create(Map.of("commision", Map.of("type", "FIXED")));
    var version = create(Map.of("version", 3));

    assertThat(unknown.status()).isEqualTo(400);
    assertThat(fields(unknown)).containsExactly("commision");
    assertThat(version.status()).isEqualTo(400);
    assertThat(fields(version)).containsExactly("version");
  }

  @Test
  void only_brands_create_campaigns() {
    var influencer = api.register("INFLUENCER");

    var response = http.post("/brands/campaigns", influencer.accessToken(), campaigns.body());

    assertThat(response.status()).isEqualTo(403);
  }
}
