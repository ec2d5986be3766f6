package io.influmeter.api.campaigns;

import static io.influmeter.api.db.Tables.CREATOR_PROFILES;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.CampaignFixture;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.JSON;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TargetingTest extends ApiTest {
  private TestApi.Account brand;
  private TestApi.Account admin;
  private UUID amina;
  private UUID brian;
  private UUID chebet;
  private UUID dan;
  private UUID esther;

  /**
   * Five influencers. Follower and engagement figures come from the social-metric pollers in
   * production; here they are written to the profile directly, as those would.
   */
  @BeforeEach
  void influencers() {
    brand = api.register("BRAND");
    admin = api.admin();
    amina =
        influencer(
            "amina",
            "Nairobi",
            "FEMALE",
            "fashion",
            "[\"INSTAGRAM\",\"TIKTOK\"]",
            12_000L,
            "0.045");
    brian = influencer("brian", "Mombasa", "MALE", "tech", "[\"YOUTUBE\"]", 250_000L, "0.012");
    chebet =
        influencer("chebet", "nairobi", "FEMALE", "Beauty", "[\"INSTAGRAM\"]", 48_000L, "0.031");
    dan = influencer("dan", "Nairobi", "MALE", "fashion", "[\"TIKTOK\"]", 3_000L, "0.080");
    esther = influencer("esther", "Kisumu", "NON_BINARY", "food", null, null, null);
  }

  private UUID influencer(
      String handle,
      String region,
      String gender,
      String niche,
      String platforms,
      Long followers,
      String rate) {
    UUID id = api.register("INFLUENCER").id();
    TestDatabase.get()
        .dsl()
        .update(CREATOR_PROFILES)
        .set(CREATOR_PROFILES.HANDLE, handle)
        .set(CREATOR_PROFILES.REGION, region)
        .set(CREATOR_PROFILES.GENDER, gender)
        .set(CREATOR_PROFILES.NICHE, niche)
        .set(CREATOR_PROFILES.PLATFORMS, platforms == null ? null : JSON.valueOf(platforms))
        .set(CREATOR_PROFILES.FOLLOWERS_TOTAL, followers)
        .set(CREATOR_PROFILES.ENGAGEMENT_RATE, rate == null ? null : new BigDecimal(rate))
        .where(CREATOR_PROFILES.USER_ID.eq(id))
        .execute();
    return id;
  }

  private List<String> ids(String query) {
    var response = http.get("/brands/influencers" + query, brand.accessToken());
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().get("influencers").findValuesAsText("id");
  }

  @Test
  void each_filter_narrows_the_list() {
    assertThat(ids("?region=NAIROBI"))
        .containsExactlyInAnyOrder(amina.toString(), chebet.toString(), dan.toString());
    assertThat(ids("?gender=female"))
        .containsExactlyInAnyOrder(amina.toString(), chebet.toString());
    assertThat(ids("?industry=fashion&industry=beauty"))
        .containsExactlyInAnyOrder(amina.toString(), chebet.toString(), dan.toString());
    assertThat(ids("?platform=TIKTOK,YOUTUBE"))
        .containsExactlyInAnyOrder(amina.toString(), brian.toString(), dan.toString());
    assertThat(ids("?minFollowers=10000&maxFollowers=50000"))
        .containsExactlyInAnyOrder(amina.toString(), chebet.toString());
    assertThat(ids("?minEngagementRate=0.04"))
        .containsExactlyInAnyOrder(amina.toString(), dan.toString());
    assertThat(ids("?region=Nairobi&gender=FEMALE&platform=INSTAGRAM&minEngagementRate=0.04"))
        .containsExactly(amina.toString());
  }

  @Test
  void results_are_sorted_by_a_whitelisted_key_with_unknown_figures_last_and_paged() {
    assertThat(ids("?sort=-followers"))
        .containsExactly(
            brian.toString(),
            chebet.toString(),
            amina.toString(),
            dan.toString(),
            esther.toString());
    assertThat(ids("?sort=followers"))
        .containsExactly(
            dan.toString(),
            amina.toString(),
            chebet.toString(),
            brian.toString(),
            esther.toString());
    assertThat(ids("?sort=-engagementRate&limit=2"))
        .containsExactly(dan.toString(), amina.toString());

    var first = http.get("/brands/influencers?sort=handle&limit=2", brand.accessToken()).json();
    var last =
        http.get("/brands/influencers?sort=handle&limit=2&offset=4", brand.accessToken()).json();

    assertThat(first.get("influencers").findValuesAsText("handle"))
        .containsExactly("amina", "brian");
    assertThat(first.get("nextOffset").asInt()).isEqualTo(2);
    assertThat(last.get("influencers").findValuesAsText("handle")).containsExactly("esther");
    assertThat(last.has("nextOffset")).isFalse();
  }

  @Test
  void only_public_fields_of_active_influencers_are_listed() {
    http.put("/admin/users/" + dan + "/status", admin.accessToken(), Map.of("status", "SUSPENDED"));

    var response = http.get("/brands/influencers?sort=handle", brand.accessToken());

    assertThat(response.json().get("influencers").findValuesAsText("id"))
        .doesNotContain(dan.toString(), brand.id().toString(), admin.id().toString())
        .hasSize(4);
    var amina = response.json().get("influencers").get(0);
    assertThat(amina.get("handle").asText()).isEqualTo("amina");
    assertThat(amina.get("followersTotal").asLong()).isEqualTo(12_000L);
    assertThat(amina.get("engagementRate").asText()).isEqualTo("0.045");
    assertThat(amina.get("platforms").toString()).isEqualTo("[\"INSTAGRAM\",\"TIKTOK\"]");
    assertThat(amina.has("email")).isFalse();
    assertThat(amina.has("phone")).isFalse();
    assertThat(amina.has("status")).isFalse();
    assertThat(response.body()).doesNotContain("@example.test");
  }

  @Test
  void bad_sort_keys_and_filters_are_refused_with_the_parameter_named() {
    var sort = http.get("/brands/influencers?sort=email", brand.accessToken());
    var filters =
        http.get(
            "/brands/influencers?gender=robot&minFollowers=-1&minEngagementRate=2&limit=1000",
            brand.accessToken());

    assertThat(sort.status()).isEqualTo(400);
    assertThat(sort.json().findValuesAsText("field")).containsExactly("sort");
    assertThat(filters.status()).isEqualTo(400);
    assertThat(filters.json().findValuesAsText("field")).contains("gender", "minFollowers");
  }

  @Test
  void a_campaigns_matches_use_its_own_target_filters_and_stay_private_to_its_brand() {
    var fixture = new CampaignFixture(http, clock);
    Map<String, Object> body = new HashMap<>(fixture.body());
    body.put(
        "targetFilters",
        Map.of(
            "regions",
            List.of("Nairobi"),
            "platforms",
            List.of("instagram"),
            "minFollowers",
            20_000));
    UUID campaign = fixture.create(brand.accessToken(), body);
    var other = api.register("BRAND");

    var matches = http.get("/brands/campaigns/" + campaign + "/matches", brand.accessToken());
    var foreign = http.get("/brands/campaigns/" + campaign + "/matches", other.accessToken());

    assertThat(matches.json().get("influencers").findValuesAsText("id"))
        .containsExactly(chebet.toString());
    assertThat(foreign.status()).isEqualTo(404);
  }
}
