package io.influmeter.api.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.support.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UsersTest extends ApiTest {

  @Test
  void an_influencer_edits_their_creator_profile_and_sees_it_in_their_account() {
    var influencer = api.register("INFLUENCER");

    var updated =
        http.patch(
            "/users/me",
            influencer.accessToken(),
            Map.of(
                "displayName", "Murugi",
                "phone", "+254 700 000 000",
                "creatorProfile",
                    Map.of("handle", "murugi", "niche", "fashion", "region", "Nairobi")));

    assertThat(updated.status()).isEqualTo(200);
    var me = http.get("/users/me", influencer.accessToken()).json();
    assertThat(me.get("displayName").asText()).isEqualTo("Murugi");
    assertThat(me.get("phone").asText()).isEqualTo("+254 700 000 000");
    assertThat(me.at("/creatorProfile/handle").asText()).isEqualTo("murugi");
    assertThat(me.at("/creatorProfile/niche").asText()).isEqualTo("fashion");
  }

  @Test
  void profile_edits_are_validated_field_by_field() {
    var brand = api.register("BRAND");

    var response =
        http.patch(
            "/users/me",
            brand.accessToken(),
            Map.of(
                "displayName",
                "",
                "phone",
                "call me maybe",
                "brandProfile",
                Map.of("website", "javascript:alert(1)", "country", "Kenya"),
                "creatorProfile",
                Map.of("handle", "x")));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().findValuesAsText("field"))
        .containsExactlyInAnyOrder(
            "displayName",
            "phone",
            "brandProfile.website",
            "brandProfile.country",
            "creatorProfile",
            "creatorProfile.handle");
  }

  @Test
  void a_public_profile_shows_no_email_phone_or_status() {
    var influencer = api.register("INFLUENCER");
    http.patch("/users/me", influencer.accessToken(), Map.of("phone", "+254 711 111 111"));
    var brand = api.register("BRAND");

    var profile = http.get("/users/" + influencer.id(), brand.accessToken());

    assertThat(profile.status()).isEqualTo(200);
    assertThat(profile.json().get("id").asText()).isEqualTo(influencer.id().toString());
    assertThat(profile.json().has("email")).isFalse();
    assertThat(profile.json().has("phone")).isFalse();
    assertThat(profile.json().has("status")).isFalse();
    assertThat(profile.body()).doesNotContain(influencer.email()).doesNotContain("711");
  }

  @Test
  void unknown_malformed_admin_and_suspended_ids_all_look_the_same() {
    var admin = api.admin();
    var brand = api.register("BRAND");
    var suspended = api.register("INFLUENCER");
    http.put(
        "/admin/users/" + suspended.id() + "/status",
        admin.accessToken(),
        Map.of("status", "SUSPENDED"));

    var unknown = http.get("/users/" + UUID.randomUUID(), brand.accessToken());
    var malformed = http.get("/users/not-a-uuid", brand.accessToken());
    var ofAdmin = http.get("/users/" + admin.id(), brand.accessToken());
    var ofSuspended = http.get("/users/" + suspended.id(), brand.accessToken());

    for (var response :
        new io.influmeter.api.support.Http.Response[] {unknown, malformed, ofAdmin, ofSuspended}) {
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.body())
          .isEqualTo(
              unknown
                  .body()
                  .replace(
                      unknown.json().get("instance").asText(),
                      response.json().get("instance").asText()));
    }
    assertThat(http.get("/users/" + suspended.id(), admin.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void an_influencer_editing_their_profile_changes_nobody_elses() {
    var one = api.register("INFLUENCER");
    var other = api.register("INFLUENCER");

    http.patch("/users/me", other.accessToken(), Map.of("displayName", "Changed by other"));

    assertThat(http.get("/users/me", one.accessToken()).json().get("displayName").asText())
        .isNotEqualTo("Changed by other");
  }

  @Test
  void an_admin_verifies_a_user_and_the_audit_log_records_before_and_after() {
    var admin = api.admin();
    var brand = api.register("BRAND");
    clock.advance(java.time.Duration.ofSeconds(1));

    var verified =
        http.put(
            "/admin/users/" + brand.id() + "/verification",
            admin.accessToken(),
            Map.of("verified", true));

    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.json().get("verified").asBoolean()).isTrue();
    assertThat(
            http.get("/users/" + brand.id(), admin.accessToken())
                .json()
                .get("verified")
                .asBoolean())
        .isTrue();
    var log =
        http.get("/admin/audit-log?targetType=user&targetId=" + brand.id(), admin.accessToken())
            .json();
    var entry = log.get("entries").get(0);
    assertThat(entry.get("action").asText()).isEqualTo("user.verification-changed");
    assertThat(entry.get("actorId").asText()).isEqualTo(admin.id().toString());
    assertThat(entry.at("/before/verified").asBoolean()).isFalse();
    assertThat(entry.at("/after/verified").asBoolean()).isTrue();
  }

  @Test
  void profile_changes_are_audited_with_the_old_and_new_values() {
    var admin = api.admin();
    var influencer = api.register("INFLUENCER");
    clock.advance(java.time.Duration.ofSeconds(1));
    http.patch("/users/me", influencer.accessToken(), Map.of("displayName", "New Name"));

    var entries =
        http.get("/admin/audit-log?actorId=" + influencer.id(), admin.accessToken())
            .json()
            .get("entries");

    assertThat(entries.get(0).get("action").asText()).isEqualTo("user.profile-updated");
    assertThat(entries.get(0).at("/after/displayName").asText()).isEqualTo("New Name");
    assertThat(entries.get(0).at("/before/displayName").asText()).isNotEqualTo("New Name");
  }

  @Test
  void the_audit_log_pages_and_rejects_bad_paging_parameters() {
    var admin = api.admin();
    api.register("BRAND");
    api.register("BRAND");

    var page = http.get("/admin/audit-log?limit=1", admin.accessToken()).json();
    var bad = http.get("/admin/audit-log?limit=0", admin.accessToken());

    assertThat(page.get("entries").size()).isEqualTo(1);
    assertThat(page.get("nextOffset").asInt()).isEqualTo(1);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("limit");
  }

  @Test
  void an_admin_cannot_suspend_themselves() {
    var admin = api.admin();

    var response =
        http.put(
            "/admin/users/" + admin.id() + "/status",
            admin.accessToken(),
            Map.of("status", "SUSPENDED"));

    assertThat(response.status()).isEqualTo(409);
  }
}
