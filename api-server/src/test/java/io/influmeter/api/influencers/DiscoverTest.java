package io.influmeter.api.influencers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.Campaigns;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DiscoverTest extends ApiTest {
  private Campaigns campaigns;
  private UUID brand;

  @BeforeEach
  void brandWithCampaigns() {
    campaigns = new Campaigns(TestDatabase.get().dsl(), clock.instant());
    brand = api.register("BRAND").id();
  }

  private TestApi.Account murugi() {
    var influencer = api.register("INFLUENCER");
    var saved =
        http.put(
            "/influencers/me/profile",
            influencer.accessToken(),
            Map.of(
                "handle", "murugi",
                "niche", "Fashion",
                "region", "Nairobi",
                "gender", "FEMALE",
                "platforms", List.of(Map.of("platform", "TIKTOK", "handle", "@murugi"))));
    assertThat(saved.status()).isEqualTo(200);
    return influencer;
  }

  private void campaign(String name, String targeting) {
    campaigns.of(brand).name(name).targeting(targeting).insert();
  }

  private List<String> discovered(TestApi.Account influencer) {
    var page = http.get("/influencers/campaigns?limit=100", influencer.accessToken());
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    page.json().get("items").forEach(item -> names.add(item.get("name").asText()));
    return names;
  }

  @Test
  void each_targeting_filter_shows_a_campaign_only_to_influencers_who_match_it() {
    var influencer = murugi();
    campaigns.measure(influencer.id(), 12_500L, "0.0435");
    campaign("no filters", "{}");
    campaign("region match any case", "{\"regions\":[\"nairobi\",\"Mombasa\"]}");
    campaign("region miss", "{\"regions\":[\"Lagos\"]}");
    campaign("gender match", "{\"genders\":[\"FEMALE\",\"NON_BINARY\"]}");
    campaign("gender miss", "{\"genders\":[\"MALE\"]}");
    campaign("industry match", "{\"industries\":[\"fashion\"]}");
    campaign("industry miss", "{\"industries\":[\"Tech\"]}");
    campaign("platform match", "{\"platforms\":[\"YOUTUBE\",\"TIKTOK\"]}");
    campaign("platform miss", "{\"platforms\":[\"YOUTUBE\"]}");
    campaign("min followers match", "{\"minFollowers\":10000}");
    campaign("min followers miss", "{\"minFollowers\":20000}");
    campaign("max followers match", "{\"maxFollowers\":20000}");
    campaign("max followers miss", "{\"maxFollowers\":10000}");
    campaign("engagement match", "{\"minEngagementRate\":\"0.04\"}");
    campaign("engagement miss", "{\"minEngagementRate\":\"0.05\"}");
    campaign("empty lists are no filter", "{\"regions\":[],\"genders\":[]}");
    campaign(
        "all filters match",
        "{\"regions\":[\"Nairobi\"],\"genders\":[\"FEMALE\"],\"industries\":[\"Fashion\"],"
            + "\"platforms\":[\"TIKTOK\"],\"minFollowers\":12500,\"maxFollowers\":12500,"
            + "\"minEngagementRate\":0.0435}");

    assertThat(discovered(influencer))
        .containsExactlyInAnyOrder(
            "no filters",
            "region match any case",
            "gender match",
            "industry match",
            "platform match",
            "min followers match",
            "max followers match",
            "engagement match",
            "empty lists are no filter",
            "all filters match");
  }

  @Test
  void follower_and_engagement_filters_never_match_an_unmeasured_profile() {
    var influencer = murugi();
    campaign("no filters", "{}");
    campaign("min followers", "{\"minFollowers\":0}");
    campaign("max followers", "{\"maxFollowers\":1000000000}");
    campaign("engagement", "{\"minEngagementRate\":\"0\"}");

    assertThat(discovered(influencer)).containsExactly("no filters");
  }

  @Test
  void only_approved_or_active_campaigns_that_have_not_ended_are_listed() {
    var influencer = murugi();
    campaigns.of(brand).name("approved").status("APPROVED").insert();
    campaigns.of(brand).name("active").status("ACTIVE").insert();
    for (String status : List.of("DRAFT", "SUBMITTED", "REJECTED", "COMPLETED", "CANCELLED")) {
      campaigns.of(brand).name(status).status(status).insert();
    }
    campaigns.of(brand).name("ended").endsAt(clock.instant().minus(1, ChronoUnit.HOURS)).insert();

    assertThat(discovered(influencer)).containsExactlyInAnyOrder("approved", "active");
  }

  @Test
  void discover_pages_through_the_qualifying_campaigns_and_shows_my_participation() {
    var influencer = murugi();
    for (int i = 0; i < 5; i++) {
      campaign("c" + i, "{}");
    }
    campaign("not for me", "{\"regions\":[\"Lagos\"]}");

    var first = http.get("/influencers/campaigns?limit=2", influencer.accessToken()).json();
    var last = http.get("/influencers/campaigns?limit=2&offset=4", influencer.accessToken()).json();
    var bad = http.get("/influencers/campaigns?limit=0", influencer.accessToken());

    assertThat(first.get("items")).hasSize(2);
    assertThat(first.get("nextOffset").asInt()).isEqualTo(2);
    assertThat(last.get("items")).hasSize(1);
    assertThat(last.has("nextOffset")).isFalse();
    assertThat(bad.status()).isEqualTo(400);
    String id = first.at("/items/0/id").asText();
    http.post(
        "/influencers/campaigns/" + id + "/applications",
        influencer.accessToken(),
        Map.of("pitch", "Me!"));
    JsonNode again = http.get("/influencers/campaigns?limit=2", influencer.accessToken()).json();
    assertThat(again.at("/items/0/participation").asText()).isEqualTo("APPLIED");
    assertThat(again.at("/items/0").has("targetFilters")).isFalse();
  }
}
