package io.influmeter.api.referrals;

import static io.influmeter.api.db.Tables.AUDIT_LOG;
import static io.influmeter.api.db.Tables.OUTBOX;
import static io.influmeter.api.db.Tables.REFERRAL_LINKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.api.db.tables.records.OutboxRecord;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.Campaigns;
import io.influmeter.api.support.Http;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import io.influmeter.events.AttributionModel;
import io.influmeter.events.CommissionType;
import io.influmeter.events.LinkStatus;
import io.influmeter.events.ReferralLink;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReferralLinksTest extends ApiTest {
  private static final AvroSerde<ReferralLink> SERDE =
      Serdes.forTopic(Topics.REFERRAL_LINKS, new BuiltInSchemaRegistry());

  private final DSLContext db = TestDatabase.get().dsl();
  private Campaigns campaigns;
  private TestApi.Account brand;

  @BeforeEach
  void brand() {
    campaigns = new Campaigns(db, clock.instant());
    brand = api.register("BRAND");
  }

  private TestApi.Account influencer(String handle) {
    var account = api.register("INFLUENCER");
    if (handle != null) {
      var saved =
          http.put("/influencers/me/profile", account.accessToken(), Map.of("handle", handle));
      assertThat(saved.status()).isEqualTo(200);
    }
    return account;
  }

  /** Invites and accepts: the link is created in the acceptance's transaction. */
  private JsonNode join(TestApi.Account influencer, UUID campaign) {
    campaigns.invite(campaign, influencer.id());
    Http.Response accepted =
        http.post(
            "/influencers/invitations/" + campaign + "/accept", influencer.accessToken(), null);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    return accepted.json().get("link");
  }

  private List<ReferralLink> published(String slug) {
    List<ReferralLink> records = new ArrayList<>();
    for (OutboxRecord row :
        db.selectFrom(OUTBOX)
            .where(OUTBOX.AGGREGATE_ID.eq(slug))
            .orderBy(OUTBOX.CREATED_AT, OUTBOX.ID)
            .fetch()) {
      assertThat(row.getTopic()).isEqualTo(Topics.REFERRAL_LINKS.name());
      records.add(SERDE.decode(row.getTopic(), -1, -1, row.getPayload()));
    }
    return records;
  }

  @Test
  void slugs_follow_the_handle_then_number_and_clash_case_insensitively_with_display_names() {
    UUID campaign = campaigns.of(brand.id()).insert();
    UUID other = campaigns.of(brand.id()).insert();
    var first = influencer("murugi");
    var second = influencer("murugi");
    var byName = api.register("INFLUENCER");
    http.patch("/users/me", byName.accessToken(), Map.of("displayName", "MURUGI"));

    assertThat(join(first, campaign).get("slug").asText()).isEqualTo("murugi");
    assertThat(join(second, campaign).get("slug").asText()).isEqualTo("murugi-2");
    assertThat(join(byName, campaign).get("slug").asText()).isEqualTo("murugi-3");
    assertThat(join(first, other).get("slug").asText()).isEqualTo("murugi-4");
  }

  @Test
  void reserved_words_are_never_given_out_as_slugs() {
    UUID campaign = campaigns.of(brand.id()).insert();

    assertThat(join(influencer("admin"), campaign).get("slug").asText()).isEqualTo("admin-2");
    assertThat(join(influencer("api"), campaign).get("slug").asText()).isEqualTo("api-2");
    assertThat(join(influencer("go.go"), campaign).get("slug").asText()).isEqualTo("go-go");
  }

  @Test
  void promo_codes_are_unique_per_brand_and_may_repeat_across_brands() {
    UUID campaign = campaigns.of(brand.id()).insert();
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      codes.add(join(influencer("murugi"), campaign).get("promoCode").asText());
    }

    assertThat(codes).doesNotHaveDuplicates().allMatch(code -> code.matches("MURUGI[0-9]{2}"));
    assertThat(db.fetchCount(REFERRAL_LINKS, REFERRAL_LINKS.BRAND_ID.eq(brand.id()))).isEqualTo(5);
  }

  @Test
  void concurrent_acceptances_of_the_same_handle_get_distinct_slugs_and_codes() throws Exception {
    UUID campaign = campaigns.of(brand.id()).insert();
    List<TestApi.Account> influencers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      var account = influencer("wanjiru");
      campaigns.invite(campaign, account.id());
      influencers.add(account);
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<Http.Response>> calls = new ArrayList<>();
      for (var account : influencers) {
        calls.add(
            () ->
                http.post(
                    "/influencers/invitations/" + campaign + "/accept",
                    account.accessToken(),
                    null));
      }
      List<String> slugs = new ArrayList<>();
      List<String> codes = new ArrayList<>();
      for (Future<Http.Response> result : pool.invokeAll(calls)) {
        Http.Response response = result.get();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        slugs.add(response.json().at("/link/slug").asText());
        codes.add(response.json().at("/link/promoCode").asText());
      }

      assertThat(slugs)
          .containsExactlyInAnyOrder(
              "wanjiru", "wanjiru-2", "wanjiru-3", "wanjiru-4", "wanjiru-5", "wanjiru-6");
      assertThat(codes).doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void the_new_link_points_at_the_landing_page_with_the_utm_template_and_its_slug() {
    UUID campaign =
        campaigns
            .of(brand.id())
            .utm("{\"utm_source\":\"influmeter\",\"utm_campaign\":\"summer\"}")
            .insert();

    JsonNode link = join(influencer("murugi"), campaign);

    assertThat(link.get("destinationUrl").asText()).isEqualTo("https://shop.example.test/summer");
    assertThat(link.get("shareUrl").asText()).isEqualTo(TestApi.INGEST_PUBLIC_URL + "/go/murugi");
    assertThat(link.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(link.get("utm").toString())
        .isEqualTo(
            "{\"utm_campaign\":\"summer\",\"utm_content\":\"murugi\",\"utm_source\":\"influmeter\"}");
  }

  @Test
  void the_outbox_row_decodes_to_the_link_with_its_campaign_rules() {
    UUID campaign = campaigns.of(brand.id()).insert();
    var influencer = influencer("murugi");
    JsonNode link = join(influencer, campaign);

    List<ReferralLink> records = published("murugi");

    assertThat(records).hasSize(1);
    ReferralLink record = records.get(0);
    assertThat(record.getLinkId()).isEqualTo(link.get("id").asText());
    assertThat(record.getSlug()).isEqualTo("murugi");
    assertThat(record.getCampaignId()).isEqualTo(campaign.toString());
    assertThat(record.getInfluencerId()).isEqualTo(influencer.id().toString());
    assertThat(record.getBrandId()).isEqualTo(brand.id().toString());
    assertThat(record.getPromoCode()).isEqualTo(link.get("promoCode").asText());
    assertThat(record.getDestinationUrl()).isEqualTo("https://shop.example.test/summer");
    assertThat(record.getFallbackUrl()).isEqualTo("https://shop.example.test/");
    assertThat(record.getUtm())
        .containsEntry("utm_source", "influmeter")
        .containsEntry("utm_content", "murugi");
    assertThat(record.getStatus()).isEqualTo(LinkStatus.ACTIVE);
    assertThat(record.getCommissionType()).isEqualTo(CommissionType.PERCENTAGE);
    assertThat(record.getCommissionPercentBps()).isEqualTo(1250);
    assertThat(record.getCommissionFixedMinor()).isZero();
    assertThat(record.getCommissionCurrency()).isEqualTo("KES");
    assertThat(record.getAttributionLookbackDays()).isEqualTo(14);
    assertThat(record.getAttributionModel()).isEqualTo(AttributionModel.LAST_CLICK);
    // Microseconds in PostgreSQL, milliseconds in the record.
    assertThat(record.getCampaignEndsAt())
        .isCloseTo(clock.instant().plus(30, ChronoUnit.DAYS), within(1, ChronoUnit.MILLIS));
  }

  @Test
  void pause_resume_and_retire_change_the_link_republish_it_and_are_audited() {
    UUID campaign = campaigns.of(brand.id()).insert();
    var influencer = influencer("murugi");
    String id = join(influencer, campaign).get("id").asText();

    // The clock moves between changes so the outbox rows have an order.
    clock.advance(java.time.Duration.ofSeconds(1));
    var paused = http.post("/influencers/links/" + id + "/pause", influencer.accessToken(), null);
    clock.advance(java.time.Duration.ofSeconds(1));
    var resumed = http.post("/brands/links/" + id + "/resume", brand.accessToken(), null);
    clock.advance(java.time.Duration.ofSeconds(1));
    var retired = http.post("/brands/links/" + id + "/retire", brand.accessToken(), null);
    var afterRetire =
        http.post("/influencers/links/" + id + "/resume", influencer.accessToken(), null);

    assertThat(paused.json().get("status").asText()).isEqualTo("PAUSED");
    assertThat(resumed.json().get("status").asText()).isEqualTo("ACTIVE");
    assertThat(retired.json().get("status").asText()).isEqualTo("RETIRED");
    assertThat(afterRetire.status()).isEqualTo(409);
    assertThat(afterRetire.json().get("type").asText()).endsWith("link-retired");
    assertThat(published("murugi"))
        .extracting(ReferralLink::getStatus)
        .containsExactly(
            LinkStatus.ACTIVE, LinkStatus.PAUSED, LinkStatus.ACTIVE, LinkStatus.RETIRED);
    assertThat(
            db.select(AUDIT_LOG.ACTION)
                .from(AUDIT_LOG)
                .where(AUDIT_LOG.TARGET_ID.eq(id))
                .orderBy(AUDIT_LOG.OCCURRED_AT, AUDIT_LOG.ACTION)
                .fetch(AUDIT_LOG.ACTION))
        .containsExactlyInAnyOrder(
            "referral-link.created",
            "referral-link.paused",
            "referral-link.resumed",
            "referral-link.retired");
  }

  @Test
  void links_are_listed_to_their_influencer_and_their_brand_only() {
    UUID campaign = campaigns.of(brand.id()).insert();
    var owner = influencer("murugi");
    var other = influencer("kamau");
    String id = join(owner, campaign).get("id").asText();
    join(other, campaign);
    var otherBrand = api.register("BRAND");

    var mine = http.get("/influencers/links", owner.accessToken()).json();
    var ofCampaign = http.get("/brands/campaigns/" + campaign + "/links", brand.accessToken());

    assertThat(mine).hasSize(1);
    assertThat(mine.at("/0/slug").asText()).isEqualTo("murugi");
    assertThat(mine.at("/0/campaignName").asText()).isEqualTo("Summer drop");
    assertThat(ofCampaign.json()).hasSize(2);
    assertThat(
            http.get("/brands/campaigns/" + campaign + "/links", otherBrand.accessToken()).status())
        .isEqualTo(404);
    assertThat(http.post("/influencers/links/" + id + "/pause", other.accessToken(), null).status())
        .isEqualTo(404);
    assertThat(
            http.post("/brands/links/" + id + "/retire", otherBrand.accessToken(), null).status())
        .isEqualTo(404);
    assertThat(
            http.post(
                    "/influencers/links/" + UUID.randomUUID() + "/pause", owner.accessToken(), null)
                .status())
        .isEqualTo(404);
    assertThat(db.fetchCount(REFERRAL_LINKS, REFERRAL_LINKS.STATUS.eq("ACTIVE"))).isEqualTo(2);
  }

  @Test
  void publishing_a_campaign_republishes_every_one_of_its_links() {
    UUID campaign = campaigns.of(brand.id()).insert();
    join(influencer("murugi"), campaign);
    join(influencer("kamau"), campaign);
    db.execute(
        "UPDATE campaigns SET landing_url = 'https://shop.example.test/new' WHERE id = ?",
        campaign);
    var publisher = new ReferralLinkPublisher(SERDE, clock);

    int count = db.transactionResult(tx -> publisher.publishCampaign(tx.dsl(), campaign));

    assertThat(count).isEqualTo(2);
    Map<String, Integer> perSlug = new HashMap<>();
    db.selectFrom(OUTBOX)
        .fetch()
        .forEach(row -> perSlug.merge(row.getAggregateId(), 1, Integer::sum));
    assertThat(perSlug).containsOnly(Map.entry("murugi", 2), Map.entry("kamau", 2));
  }
}
