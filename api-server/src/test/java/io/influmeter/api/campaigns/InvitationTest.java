package io.influmeter.api.campaigns;

import static io.influmeter.api.db.Tables.CAMPAIGN_PARTICIPANTS;
import static io.influmeter.api.db.Tables.NOTIFICATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.CampaignFixture;
import io.influmeter.api.support.Http;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InvitationTest extends ApiTest {
  private CampaignFixture campaigns;
  private TestApi.Account brand;
  private TestApi.Account admin;
  private TestApi.Account influencer;

  @BeforeEach
  void accounts() {
    campaigns = new CampaignFixture(http, clock);
    brand = api.register("BRAND");
    admin = api.admin();
    influencer = api.register("INFLUENCER");
  }

  private Http.Response invite(UUID campaign, UUID who) {
    return http.post(
        "/brands/campaigns/" + campaign + "/invitations",
        brand.accessToken(),
        Map.of("influencerId", who.toString()));
  }

  private Http.Response withdraw(UUID campaign, UUID who) {
    return http.send(
        "DELETE",
        "/brands/campaigns/" + campaign + "/invitations/" + who,
        brand.accessToken(),
        null,
        Map.of());
  }

  @Test
  void an_invitation_is_listed_as_invited_and_emails_the_influencer() {
    UUID campaign = campaigns.approved(brand.accessToken(), admin.accessToken());

    var response = invite(campaign, influencer.id());

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(response.json().get("status").asText()).isEqualTo("INVITED");
    assertThat(response.json().get("origin").asText()).isEqualTo("INVITATION");
    var participants =
        http.get("/brands/campaigns/" + campaign + "/participants", brand.accessToken()).json();
    assertThat(participants.get("participants").findValuesAsText("influencerId"))
        .containsExactly(influencer.id().toString());
    assertThat(participants.get("participants").findValuesAsText("status"))
        .containsExactly("INVITED");
    var email =
        TestDatabase.get()
            .dsl()
            .selectFrom(NOTIFICATIONS)
            .where(NOTIFICATIONS.RECIPIENT_ID.eq(influencer.id()))
            .fetchSingle();
    assertThat(email.getKind()).isEqualTo("INVITATION");
    assertThat(email.getFacts().data()).contains(campaign.toString()).contains("Org Test");
  }

  @Test
  void inviting_the_same_influencer_twice_is_a_conflict() {
    UUID campaign = campaigns.approved(brand.accessToken(), admin.accessToken());
    invite(campaign, influencer.id());

    var again = invite(campaign, influencer.id());

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("code").asText()).isEqualTo("already-participant");
    assertThat(again.json().get("detail").asText()).contains("INVITED");
  }

  @Test
  void invitations_need_an_approved_or_active_campaign_and_an_active_influencer() {
    UUID draft = campaigns.draft(brand.accessToken());
    UUID active = campaigns.active(brand.accessToken(), admin.accessToken());

    var toDraft = invite(draft, influencer.id());
    var aBrand = invite(active, api.register("BRAND").id());
    var toActive = invite(active, influencer.id());

    assertThat(toDraft.status()).isEqualTo(409);
    assertThat(toDraft.json().get("code").asText()).isEqualTo("campaign-not-open");
    assertThat(aBrand.status()).isEqualTo(400);
    assertThat(aBrand.json().findValuesAsText("field")).containsExactly("influencerId");
    assertThat(toActive.status()).isEqualTo(201);
  }

  @Test
  void a_pending_invitation_is_withdrawn_once_and_audited() {
    UUID campaign = campaigns.approved(brand.accessToken(), admin.accessToken());
    invite(campaign, influencer.id());

    var first = withdraw(campaign, influencer.id());
    var second = withdraw(campaign, influencer.id());
    var unknown = withdraw(campaign, UUID.randomUUID());

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().get("status").asText()).isEqualTo("WITHDRAWN");
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.json().get("detail").asText()).contains("WITHDRAWN");
    assertThat(unknown.status()).isEqualTo(404);
    var actions =
        http.get("/admin/audit-log?targetType=campaign&targetId=" + campaign, admin.accessToken())
            .json()
            .get("entries")
            .findValuesAsText("action");
    assertThat(actions).contains("campaign.invitation-created", "campaign.invitation-withdrawn");
  }

  @Test
  void another_brand_cannot_invite_into_withdraw_from_or_list_the_campaign() {
    UUID campaign = campaigns.approved(brand.accessToken(), admin.accessToken());
    invite(campaign, influencer.id());
    var other = api.register("BRAND");

    var inviting =
        http.post(
            "/brands/campaigns/" + campaign + "/invitations",
            other.accessToken(),
            Map.of("influencerId", api.register("INFLUENCER").id().toString()));
    var withdrawing =
        http.send(
            "DELETE",
            "/brands/campaigns/" + campaign + "/invitations/" + influencer.id(),
            other.accessToken(),
            null,
            Map.of());
    var listing = http.get("/brands/campaigns/" + campaign + "/participants", other.accessToken());

    assertThat(inviting.status()).isEqualTo(404);
    assertThat(withdrawing.status()).isEqualTo(404);
    assertThat(listing.status()).isEqualTo(404);
  }

  @Test
  void rebooking_invites_the_accepted_influencers_of_a_past_campaign_and_skips_the_rest() {
    UUID past = campaigns.active(brand.accessToken(), admin.accessToken());
    UUID accepted = influencer.id();
    UUID alreadyIn = api.register("INFLUENCER").id();
    UUID declined = api.register("INFLUENCER").id();
    UUID suspended = api.register("INFLUENCER").id();
    for (UUID who : new UUID[] {accepted, alreadyIn, declined, suspended}) {
      invite(past, who);
    }
    // The influencer's side (accept/decline) is another feature's route; set the outcome directly.
    answer(past, accepted, "ACCEPTED");
    answer(past, alreadyIn, "ACCEPTED");
    answer(past, declined, "DECLINED");
    answer(past, suspended, "ACCEPTED");
    http.put(
        "/admin/users/" + suspended + "/status",
        admin.accessToken(),
        Map.of("status", "SUSPENDED"));
    UUID next = campaigns.approved(brand.accessToken(), admin.accessToken());
    invite(next, alreadyIn);

    var response =
        http.post(
            "/brands/campaigns/" + next + "/rebook",
            brand.accessToken(),
            Map.of("fromCampaignId", past.toString()));

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().get("invited").toString()).isEqualTo("[\"" + accepted + "\"]");
    assertThat(response.json().get("skipped").findValuesAsText("influencerId"))
        .containsExactlyInAnyOrder(alreadyIn.toString(), suspended.toString());
    var participants =
        http.get("/brands/campaigns/" + next + "/participants", brand.accessToken()).json();
    assertThat(participants.get("participants").findValuesAsText("influencerId"))
        .containsExactlyInAnyOrder(accepted.toString(), alreadyIn.toString());
  }

  @Test
  void rebooking_needs_an_active_or_completed_source_of_the_same_brand() {
    UUID next = campaigns.approved(brand.accessToken(), admin.accessToken());
    UUID draft = campaigns.draft(brand.accessToken());
    var other = api.register("BRAND");
    UUID foreign = campaigns.active(other.accessToken(), admin.accessToken());

    var fromDraft = rebook(next, draft);
    var fromForeign = rebook(next, foreign);
    var intoDraft = rebook(draft, campaigns.completed(brand.accessToken(), admin.accessToken()));

    assertThat(fromDraft.status()).isEqualTo(409);
    assertThat(fromDraft.json().get("code").asText()).isEqualTo("campaign-not-rebookable");
    assertThat(fromForeign.status()).isEqualTo(404);
    assertThat(intoDraft.status()).isEqualTo(409);
    assertThat(intoDraft.json().get("code").asText()).isEqualTo("campaign-not-open");
  }

  private Http.Response rebook(UUID into, UUID from) {
    return http.post(
        "/brands/campaigns/" + into + "/rebook",
        brand.accessToken(),
        Map.of("fromCampaignId", from.toString()));
  }

  private static void answer(UUID campaign, UUID influencer, String status) {
    TestDatabase.get()
        .dsl()
        .update(CAMPAIGN_PARTICIPANTS)
        .set(CAMPAIGN_PARTICIPANTS.STATUS, status)
        .where(
            CAMPAIGN_PARTICIPANTS
                .CAMPAIGN_ID
                .eq(campaign)
                .and(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID.eq(influencer)))
        .execute();
  }
}
