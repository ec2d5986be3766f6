package io.influmeter.api.disputes;

import static io.influmeter.api.db.Tables.AUDIT_LOG;
import static io.influmeter.api.db.Tables.NOTIFICATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.Campaigns;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Disputes between a campaign's parties, and the admin's resolution. */
class DisputesTest extends ApiTest {
  private TestApi.Account brand;
  private TestApi.Account influencer;
  private UUID campaignId;

  @BeforeEach
  void campaign() {
    brand = api.register("BRAND");
    influencer = api.register("INFLUENCER");
    var fixture = Campaigns.now();
    campaignId = fixture.of(brand.id()).insert();
    fixture.participant(campaignId, influencer.id(), "ACCEPTED");
  }

  @Test
  void an_influencer_opens_a_dispute_both_parties_see_it_and_the_admin_resolves_it() {
    var opened =
        http.post(
            "/disputes",
            influencer.accessToken(),
            Map.of(
                "campaignId", campaignId.toString(),
                "subject", "CONVERSION",
                "reference", "order-1001",
                "description", "This order came through my link"));
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    String id = opened.json().get("id").asText();
    assertThat(opened.json().get("brandId").asText()).isEqualTo(brand.id().toString());

    for (var party : java.util.List.of(brand, influencer)) {
      var mine = http.get("/disputes", party.accessToken()).json().get("disputes");
      assertThat(mine).hasSize(1);
      assertThat(mine.get(0).get("status").asText()).isEqualTo("OPEN");
    }
    assertThat(http.get("/disputes", api.register("BRAND").accessToken()).json().get("disputes"))
        .isEmpty();

    var admin = api.admin();
    var open = http.get("/admin/disputes?status=OPEN", admin.accessToken());
    assertThat(open.json().get("disputes")).hasSize(1);

    var resolved =
        http.post(
            "/admin/disputes/" + id + "/resolve",
            admin.accessToken(),
            Map.of("outcome", "UPHELD", "note", "The click preceded the order"));
    assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
    assertThat(resolved.json().get("outcome").asText()).isEqualTo("UPHELD");

    for (var party : java.util.List.of(brand, influencer)) {
      var seen = http.get("/disputes", party.accessToken()).json().get("disputes").get(0);
      assertThat(seen.get("status").asText()).isEqualTo("RESOLVED");
      assertThat(seen.get("outcome").asText()).isEqualTo("UPHELD");
      assertThat(seen.get("resolutionNote").asText()).isEqualTo("The click preceded the order");
    }
    assertThat(http.get("/admin/disputes?status=OPEN", admin.accessToken()).json().get("disputes"))
        .isEmpty();
    var dsl = TestDatabase.get().dsl();
    assertThat(
            dsl.select(NOTIFICATIONS.RECIPIENT_ID)
                .from(NOTIFICATIONS)
                .where(NOTIFICATIONS.KIND.eq("DISPUTE_RESOLVED"))
                .fetch(NOTIFICATIONS.RECIPIENT_ID))
        .containsExactlyInAnyOrder(brand.id(), influencer.id());
    assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("dispute.resolved"))).isEqualTo(1);

    var again =
        http.post(
            "/admin/disputes/" + id + "/resolve",
            admin.accessToken(),
            Map.of("outcome", "REJECTED", "note", "changed my mind"));
    assertThat(again.status()).isEqualTo(409);
  }

  @Test
  void a_brand_names_the_influencer_and_only_parties_of_the_campaign_may_open_disputes() {
    Map<String, Object> body = new HashMap<>();
    body.put("campaignId", campaignId.toString());
    body.put("subject", "PAYOUT");
    body.put("reference", "payout-7");
    body.put("description", "Paid twice");

    var missing = http.post("/disputes", brand.accessToken(), body);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("errors").get(0).get("field").asText()).isEqualTo("influencerId");

    body.put("influencerId", influencer.id().toString());
    assertThat(http.post("/disputes", brand.accessToken(), body).status()).isEqualTo(201);
    assertThat(http.post("/disputes", api.register("BRAND").accessToken(), body).status())
        .isEqualTo(404);

    body.remove("influencerId");
    var outsider = api.register("INFLUENCER");
    assertThat(http.post("/disputes", outsider.accessToken(), body).status()).isEqualTo(404);

    body.put("subject", "REFUND");
    var badSubject = http.post("/disputes", influencer.accessToken(), body);
    assertThat(badSubject.status()).isEqualTo(400);
    assertThat(badSubject.json().get("errors").get(0).get("field").asText()).isEqualTo("subject");
  }
}
