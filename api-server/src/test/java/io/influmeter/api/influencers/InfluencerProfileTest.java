package io.influmeter.api.influencers;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.Campaigns;
import io.influmeter.api.support.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InfluencerProfileTest extends ApiTest {

  private static Map<String, Object> fullProfile() {
    return Map.of(
        "handle", "murugi",
        "niche", "Fashion",
        "region", "Nairobi",
        "gender", "FEMALE",
        "languages", List.of("en", "sw"),
        "bio", "Style on a budget",
        "platforms",
            List.of(
                Map.of("platform", "TIKTOK", "handle", "@murugi"),
                Map.of("platform", "INSTAGRAM", "handle", "murugi.style")));
  }

  @Test
  void a_new_influencer_has_an_empty_profile_with_unmeasured_figures() {
    var influencer = api.register("INFLUENCER");

    var profile = http.get("/influencers/me/profile", influencer.accessToken());

    assertThat(profile.status()).isEqualTo(200);
    assertThat(profile.json().get("handle").isNull()).isTrue();
    assertThat(profile.json().get("platforms")).isEmpty();
    assertThat(profile.json().get("followersTotal").isNull()).isTrue();
    assertThat(profile.json().get("engagementRate").isNull()).isTrue();
  }

  @Test
  void an_influencer_saves_their_profile_and_reads_it_back_with_the_measured_figures() {
    var influencer = api.register("INFLUENCER");

    var saved = http.put("/influencers/me/profile", influencer.accessToken(), fullProfile());
    new Campaigns(TestDatabase.get().dsl(), clock.instant())
        .measure(influencer.id(), 12_500L, "0.043500");
    var read = http.get("/influencers/me/profile", influencer.accessToken()).json();

    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(read.get("handle").asText()).isEqualTo("murugi");
    assertThat(read.get("niche").asText()).isEqualTo("Fashion");
    assertThat(read.get("gender").asText()).isEqualTo("FEMALE");
    assertThat(read.get("languages").toString()).isEqualTo("[\"en\",\"sw\"]");
    assertThat(read.at("/platforms/0/platform").asText()).isEqualTo("INSTAGRAM");
    assertThat(read.at("/platforms/1/handle").asText()).isEqualTo("@murugi");
    assertThat(read.get("followersTotal").asLong()).isEqualTo(12_500L);
    assertThat(read.get("engagementRate").decimalValue()).isEqualByComparingTo("0.0435");
    // The same creator profile row PATCH /users/me edits.
    var me = http.get("/users/me", influencer.accessToken()).json();
    assertThat(me.at("/creatorProfile/handle").asText()).isEqualTo("murugi");
    assertThat(me.at("/creatorProfile/region").asText()).isEqualTo("Nairobi");
  }

  @Test
  void put_replaces_the_declared_profile_and_keeps_the_measured_figures() {
    var influencer = api.register("INFLUENCER");
    http.put("/influencers/me/profile", influencer.accessToken(), fullProfile());
    new Campaigns(TestDatabase.get().dsl(), clock.instant()).measure(influencer.id(), 900L, null);

    var replaced =
        http.put("/influencers/me/profile", influencer.accessToken(), Map.of("handle", "murugi"));

    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.json().get("niche").isNull()).isTrue();
    assertThat(replaced.json().get("platforms")).isEmpty();
    assertThat(replaced.json().get("languages")).isEmpty();
    assertThat(replaced.json().get("followersTotal").asLong()).isEqualTo(900L);
  }

  @Test
  void the_measured_figures_cannot_be_written_by_the_influencer() {
    var influencer = api.register("INFLUENCER");

    var response =
        http.put(
            "/influencers/me/profile",
            influencer.accessToken(),
            Map.of("handle", "murugi", "followersTotal", 1_000_000));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("followersTotal");
  }

  @Test
  void every_bad_field_of_a_profile_is_reported() {
    var influencer = api.register("INFLUENCER");

    var response =
        http.put(
            "/influencers/me/profile",
            influencer.accessToken(),
            Map.of(
                "handle", "Not A Handle",
                "languages", List.of("english!", "sw", "sw"),
                "platforms",
                    List.of(
                        Map.of("platform", "TIKTOK", "handle", ""),
                        Map.of("platform", "TIKTOK", "handle", "again"))));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).contains("application/problem+json");
    assertThat(response.json().findValuesAsText("field"))
        .containsExactlyInAnyOrder(
            "handle", "languages[0]", "languages", "platforms[0].handle", "platforms[1].platform");
  }

  @Test
  void an_unknown_gender_or_platform_is_refused_naming_the_field() {
    var influencer = api.register("INFLUENCER");

    var response =
        http.put("/influencers/me/profile", influencer.accessToken(), Map.of("gender", "OTHER"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("gender");
  }
}
