package io.influmeter.api.applications;

import static io.influmeter.api.db.Tables.AUDIT_LOG;
import static io.influmeter.api.db.Tables.NOTIFICATIONS;
import static io.influmeter.api.db.Tables.REFERRAL_LINKS;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.Campaigns;
import io.influmeter.api.support.Http;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ApplicationsTest extends ApiTest {
  private final DSLContext db = TestDatabase.get().dsl();
  private Campaigns campaigns;
  private TestApi.Account brand;
  private TestApi.Account influencer;

  @BeforeEach
  void accounts() {
    campaigns = new Campaigns(db, clock.instant());
    brand = api.register("BRAND");
    influencer = api.register("INFLUENCER");
    http.put(
        "/influencers/me/profile",
        influencer.accessToken(),
        Map.of("handle", "murugi", "region", "Nairobi"));
  }

  private Http.Response apply(TestApi.Account who, UUID campaign) {
    return http.post(
        "/influencers/campaigns/" + campaign + "/applications",
        who.accessToken(),
        Map.of("pitch", "I style Nairobi on a budget"));
  }

  private Http.Response decide(TestApi.Account who, UUID campaign, UUID influencerId, String how) {
    return http.post(
        "/brands/campaigns/" + campaign + "/applications/" + influencerId + "/" + how,
        who.accessToken(),
        null);
  }

  @Test
  void an_influencer_applies_once_and_a_second_application_is_a_conflict() {
    UUID campaign = campaigns.of(brand.id()).insert();

    var first = apply(influencer, campaign);
    var second = apply(influencer, campaign);

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().get("status").asText()).isEqualTo("APPLIED");
    assertThat(first.json().get("origin").asText()).isEqualTo("APPLICATION");
    assertThat(first.json().get("pitch").asText()).isEqualTo("I style Nairobi on a budget");
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.json().get("type").asText()).endsWith("already-participating");
  }

  @Test
  void applying_to_a_campaign_that_does_not_target_me_or_is_not_open_is_not_found() {
    UUID elsewhere = campaigns.of(brand.id()).targeting("{\"regions\":[\"Lagos\"]}").insert();
    UUID draft = campaigns.of(brand.id()).status("DRAFT").insert();

    assertThat(apply(influencer, elsewhere).status()).isEqualTo(404);
    assertThat(apply(influencer, draft).status()).isEqualTo(404);
    assertThat(apply(influencer, UUID.randomUUID()).status()).isEqualTo(404);
  }

  @Test
  void an_application_needs_a_pitch() {
    UUID campaign = campaigns.of(brand.id()).insert();

    var response =
        http.post(
            "/influencers/campaigns/" + campaign + "/applications",
            influencer.accessToken(),
            Map.of("pitch", " "));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("pitch");
  }

  @Test
  void a_pending_application_can_be_withdrawn_once_and_not_reapplied() {
    UUID campaign = campaigns.of(brand.id()).insert();
    apply(influencer, campaign);
    String path = "/influencers/campaigns/" + campaign + "/applications";

    var withdrawn = http.send("DELETE", path, influencer.accessToken(), null, Map.of());
    var again = http.send("DELETE", path, influencer.accessToken(), null, Map.of());

    assertThat(withdrawn.status()).isEqualTo(200);
    assertThat(withdrawn.json().get("status").asText()).isEqualTo("WITHDRAWN");
    assertThat(again.status()).isEqualTo(409);
    assertThat(apply(influencer, campaign).status()).isEqualTo(409);
    assertThat(decide(brand, campaign, influencer.id(), "accept").status()).isEqualTo(409);
  }

  @Test
  void the_brand_accepts_an_application_which_creates_a_link_and_emails_the_influencer()
      throws Exception {
    UUID campaign = campaigns.of(brand.id()).name("Summer drop").insert();
    apply(influencer, campaign);

    var accepted = decide(brand, campaign, influencer.id(), "accept");

    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    assertThat(accepted.json().get("status").asText()).isEqualTo("ACCEPTED");
    assertThat(accepted.json().get("decidedAt").isTextual()).isTrue();
    assertThat(accepted.json().at("/link/slug").asText()).isEqualTo("murugi");
    assertThat(accepted.json().at("/link/promoCode").asText()).matches("MURUGI[0-9]{2}");
    var mail = db.selectFrom(NOTIFICATIONS).fetchSingle();
    assertThat(mail.getRecipientId()).isEqualTo(influencer.id());
    assertThat(mail.getKind()).isEqualTo("APPLICATION_ACCEPTED");
    var facts = new com.fasterxml.jackson.databind.ObjectMapper().readTree(mail.getFacts().data());
    assertThat(facts.get("campaignId").asText()).isEqualTo(campaign.toString());
    assertThat(facts.get("campaignName").asText()).isEqualTo("Summer drop");
    assertThat(db.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("participant.accepted"))).isEqualTo(1);
    assertThat(decide(brand, campaign, influencer.id(), "decline").status()).isEqualTo(409);
  }

  @Test
  void the_brand_declines_an_application_without_creating_a_link() {
    UUID campaign = campaigns.of(brand.id()).insert();
    apply(influencer, campaign);

    var declined = decide(brand, campaign, influencer.id(), "decline");

    assertThat(declined.status()).isEqualTo(200);
    assertThat(declined.json().get("status").asText()).isEqualTo("DECLINED");
    assertThat(declined.json().has("link")).isFalse();
    assertThat(db.fetchCount(REFERRAL_LINKS)).isZero();
    assertThat(db.selectFrom(NOTIFICATIONS).fetchSingle().getKind())
        .isEqualTo("APPLICATION_DECLINED");
  }

  @Test
  void another_brand_cannot_decide_and_unknown_applications_are_not_found() {
    UUID campaign = campaigns.of(brand.id()).insert();
    apply(influencer, campaign);
    var otherBrand = api.register("BRAND");
    var stranger = api.register("INFLUENCER");

    assertThat(decide(otherBrand, campaign, influencer.id(), "accept").status()).isEqualTo(404);
    assertThat(decide(brand, campaign, stranger.id(), "accept").status()).isEqualTo(404);
    assertThat(decide(brand, UUID.randomUUID(), influencer.id(), "accept").status()).isEqualTo(404);
    assertThat(db.fetchCount(REFERRAL_LINKS)).isZero();
  }

  @Test
  void an_application_to_a_campaign_that_closed_meanwhile_cannot_be_accepted() {
    UUID campaign = campaigns.of(brand.id()).insert();
    apply(influencer, campaign);
    db.execute("UPDATE campaigns SET status = 'CANCELLED' WHERE id = ?", campaign);

    var response = decide(brand, campaign, influencer.id(), "accept");

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.json().get("type").asText()).endsWith("campaign-not-open");
  }

  @Test
  void an_invited_influencer_sees_the_invitation_and_accepting_it_creates_a_link() {
    UUID campaign = campaigns.of(brand.id()).name("Invite only").insert();
    campaigns.invite(campaign, influencer.id());

    var invitations = http.get("/influencers/invitations", influencer.accessToken());
    var accepted =
        http.post(
            "/influencers/invitations/" + campaign + "/accept", influencer.accessToken(), null);
    var again =
        http.post(
            "/influencers/invitations/" + campaign + "/decline", influencer.accessToken(), null);

    assertThat(invitations.json()).hasSize(1);
    assertThat(invitations.json().at("/0/campaign/name").asText()).isEqualTo("Invite only");
    assertThat(invitations.json().at("/0/campaign/participation").asText()).isEqualTo("INVITED");
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    assertThat(accepted.json().get("status").asText()).isEqualTo("ACCEPTED");
    assertThat(accepted.json().at("/link/slug").asText()).isEqualTo("murugi");
    assertThat(again.status()).isEqualTo(409);
    assertThat(http.get("/influencers/invitations", influencer.accessToken()).json()).isEmpty();
  }

  @Test
  void declining_an_invitation_creates_no_link_and_only_the_invitee_can_answer() {
    UUID campaign = campaigns.of(brand.id()).insert();
    campaigns.invite(campaign, influencer.id());
    var other = api.register("INFLUENCER");

    var stranger =
        http.post("/influencers/invitations/" + campaign + "/accept", other.accessToken(), null);
    var declined =
        http.post(
            "/influencers/invitations/" + campaign + "/decline", influencer.accessToken(), null);

    assertThat(stranger.status()).isEqualTo(404);
    assertThat(declined.status()).isEqualTo(200);
    assertThat(declined.json().get("status").asText()).isEqualTo("DECLINED");
    assertThat(db.fetchCount(REFERRAL_LINKS)).isZero();
    // An invitation is not an application: the application routes do not touch it.
    assertThat(decide(brand, campaign, influencer.id(), "accept").status()).isEqualTo(404);
  }
}
