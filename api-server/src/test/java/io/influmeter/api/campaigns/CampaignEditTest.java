package io.influmeter.api.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.CampaignFixture;
import io.influmeter.api.support.TestApi;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CampaignEditTest extends ApiTest {
  private CampaignFixture campaigns;
  private TestApi.Account brand;
  private TestApi.Account admin;

  @BeforeEach
  void accounts() {
    campaigns = new CampaignFixture(http, clock);
    brand = api.register("BRAND");
    admin = api.admin();
  }

  private JsonNode read(UUID id) {
    return http.get("/brands/campaigns/" + id, brand.accessToken()).json();
  }

  @Test
  void a_draft_is_edited_freely_including_its_commission() {
    UUID id = campaigns.draft(brand.accessToken());

    var response =
        http.patch(
            "/brands/campaigns/" + id,
            brand.accessToken(),
            Map.of(
                "commission", Map.of("type", "FIXED", "amount", "300"),
                "currency", "USD",
                "budget", "999.99",
                "attributionModel", "LINEAR"));

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().at("/commission/amount").asText()).isEqualTo("300.00");
    assertThat(response.json().get("currency").asText()).isEqualTo("USD");
    assertThat(response.json().get("attributionModel").asText()).isEqualTo("LINEAR");
    assertThat(response.json().get("version").asInt()).isEqualTo(1);
  }

  @Test
  void after_approval_commission_currency_model_lookback_and_start_are_locked_and_named() {
    UUID id = campaigns.approved(brand.accessToken(), admin.accessToken());
    JsonNode before = read(id);

    var response =
        http.patch(
            "/brands/campaigns/" + id,
            brand.accessToken(),
            Map.of(
                "commission",
                Map.of("type", "PERCENTAGE", "percent", "20"),
                "currency",
                "USD",
                "attributionModel",
                "FIRST_CLICK",
                "attributionLookbackDays",
                7,
                "startsAt",
                clock.instant().plus(Duration.ofDays(3)).toString(),
                "brief",
                "would be fine alone"));

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.json().get("code").asText()).isEqualTo("campaign-field-locked");
    assertThat(response.json().findValuesAsText("field"))
        .containsExactlyInAnyOrder(
            "commission", "currency", "attributionModel", "attributionLookbackDays", "startsAt");
    assertThat(response.json().get("detail").asText()).contains("commission");
    assertThat(read(id)).isEqualTo(before);
  }

  @Test
  void after_approval_the_brief_urls_a_later_end_and_a_bigger_budget_change_and_are_audited() {
    UUID id = campaigns.approved(brand.accessToken(), admin.accessToken());
    JsonNode before = read(id);
    Instant later = Instant.parse(before.get("endsAt").asText()).plus(Duration.ofDays(10));

    var response =
        http.patch(
            "/brands/campaigns/" + id,
            brand.accessToken(),
            Map.of(
                "brief", "Now with the summer colours",
                "endsAt", later.toString(),
                "budget", "200000.00",
                "landingUrl", "https://shop.example.test/summer",
                "fallbackUrl", "https://shop.example.test/",
                "commission", Map.of("type", "PERCENTAGE", "percent", "12.50"),
                "version", before.get("version").asInt()));

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().get("budget").asText()).isEqualTo("200000.00");
    assertThat(response.json().get("status").asText()).isEqualTo("APPROVED");
    JsonNode entry = null;
    for (JsonNode e :
        http.get("/admin/audit-log?targetType=campaign&targetId=" + id, admin.accessToken())
            .json()
            .get("entries")) {
      if (e.get("action").asText().equals("campaign.updated")) {
        entry = e;
      }
    }
    assertThat(entry).as("the edit's audit entry").isNotNull();
    assertThat(entry.get("actorId").asText()).isEqualTo(brand.id().toString());
    assertThat(entry.at("/before/budget").asText()).isEqualTo("150000.50");
    assertThat(entry.at("/after/budget").asText()).isEqualTo("200000.00");
    assertThat(entry.at("/before/brief").asText()).isEqualTo("Show the new collection");
    assertThat(entry.at("/after/brief").asText()).isEqualTo("Now with the summer colours");
  }

  @Test
  void after_approval_the_budget_cannot_shrink_nor_the_end_move_earlier() {
    UUID id = campaigns.active(brand.accessToken(), admin.accessToken());
    Instant end = Instant.parse(read(id).get("endsAt").asText());

    var response =
        http.patch(
            "/brands/campaigns/" + id,
            brand.accessToken(),
            Map.of("budget", "100.00", "endsAt", end.minus(Duration.ofDays(1)).toString()));

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.json().findValuesAsText("field"))
        .containsExactlyInAnyOrder("budget", "endsAt");
  }

  @Test
  void a_campaign_under_review_or_finished_cannot_be_edited() {
    UUID submitted = campaigns.submitted(brand.accessToken());
    UUID cancelled = campaigns.cancelled(brand.accessToken());

    var underReview =
        http.patch("/brands/campaigns/" + submitted, brand.accessToken(), Map.of("brief", "x"));
    var finished =
        http.patch("/brands/campaigns/" + cancelled, brand.accessToken(), Map.of("brief", "x"));

    assertThat(underReview.status()).isEqualTo(409);
    assertThat(underReview.json().get("code").asText()).isEqualTo("campaign-not-editable");
    assertThat(underReview.json().get("detail").asText()).contains("under review");
    assertThat(finished.status()).isEqualTo(409);
  }

  @Test
  void an_edit_based_on_a_stale_version_is_refused() {
    UUID id = campaigns.draft(brand.accessToken());
    http.patch(
        "/brands/campaigns/" + id, brand.accessToken(), Map.of("brief", "first", "version", 0));

    var stale =
        http.patch(
            "/brands/campaigns/" + id,
            brand.accessToken(),
            Map.of("brief", "second", "version", 0));

    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.json().get("code").asText()).isEqualTo("stale-version");
    assertThat(read(id).get("brief").asText()).isEqualTo("first");
    assertThat(read(id).get("version").asInt()).isEqualTo(1);
  }

  @Test
  void of_an_approval_and_a_rejection_racing_on_one_campaign_exactly_one_wins() throws Exception {
    UUID id = campaigns.submitted(brand.accessToken());
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var approve =
          pool.submit(
              () -> http.post("/admin/campaigns/" + id + "/approve", admin.accessToken(), null));
      var reject =
          pool.submit(
              () ->
                  http.post(
                      "/admin/campaigns/" + id + "/reject",
                      admin.accessToken(),
                      Map.of("reason", "Not now")));
      var statuses =
          java.util.List.of(
              approve.get(60, java.util.concurrent.TimeUnit.SECONDS).status(),
              reject.get(60, java.util.concurrent.TimeUnit.SECONDS).status());

      assertThat(statuses).containsExactlyInAnyOrder(200, 409);
      assertThat(read(id).get("version").asInt()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void edits_are_validated_like_a_new_campaign() {
    UUID id = campaigns.draft(brand.accessToken());

    var response =
        http.patch(
            "/brands/campaigns/" + id,
            brand.accessToken(),
            Map.of("landingUrl", "javascript:alert(1)", "budget", "1.001"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().findValuesAsText("field"))
        .containsExactlyInAnyOrder("landingUrl", "budget");
  }

  @Test
  void another_brand_cannot_edit_the_campaign() {
    UUID id = campaigns.draft(brand.accessToken());
    var other = api.register("BRAND");

    var response = http.patch("/brands/campaigns/" + id, other.accessToken(), Map.of("brief", "x"));

    assertThat(response.status()).isEqualTo(404);
    assertThat(read(id).get("brief").asText()).isEqualTo("Show the new collection");
  }
}
