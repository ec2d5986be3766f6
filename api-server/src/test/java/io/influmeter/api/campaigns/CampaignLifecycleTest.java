package io.influmeter.api.campaigns;

import static io.influmeter.api.db.Tables.NOTIFICATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.CampaignFixture;
import io.influmeter.api.support.Http;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CampaignLifecycleTest extends ApiTest {
  private static final List<String> STATES =
      List.of("DRAFT", "SUBMITTED", "APPROVED", "REJECTED", "ACTIVE", "COMPLETED", "CANCELLED");
  private static final List<String> REQUESTABLE =
      List.of("submit", "approve", "reject", "close", "cancel");

  /**
   * The lifecycle as the issue states it, written here independently of {@link Lifecycle}: state ->
   * action -> (new state, who). "system" moves happen by the clock.
   */
  private static final Map<String, Map<String, String>> EXPECTED = expected();

  private static Map<String, Map<String, String>> expected() {
    Map<String, Map<String, String>> e = new LinkedHashMap<>();
    STATES.forEach(s -> e.put(s, new LinkedHashMap<>()));
    e.get("DRAFT").put("submit", "SUBMITTED by brand");
    e.get("DRAFT").put("cancel", "CANCELLED by brand");
    e.get("SUBMITTED").put("approve", "APPROVED by admin");
    e.get("SUBMITTED").put("reject", "REJECTED by admin");
    e.get("SUBMITTED").put("cancel", "CANCELLED by brand");
    e.get("APPROVED").put("activate", "ACTIVE by system");
    e.get("APPROVED").put("cancel", "CANCELLED by brand");
    e.get("ACTIVE").put("complete", "COMPLETED by system");
    e.get("ACTIVE").put("close", "COMPLETED by brand");
    return e;
  }

  private CampaignFixture campaigns;
  private TestApi.Account brand;
  private TestApi.Account otherBrand;
  private TestApi.Account admin;

  @BeforeEach
  void accounts() {
    campaigns = new CampaignFixture(http, clock);
    brand = api.register("BRAND");
    otherBrand = api.register("BRAND");
    admin = api.admin();
  }

  @Test
  void the_servers_transition_table_is_exactly_the_expected_lifecycle() {
    Map<String, Map<String, String>> actual = new LinkedHashMap<>();
    STATES.forEach(s -> actual.put(s, new LinkedHashMap<>()));
    for (Lifecycle.Transition t : Lifecycle.table()) {
      String who =
          switch (t.actor()) {
            case BRAND_OWNER -> "brand";
            case ADMIN -> "admin";
            case SYSTEM -> "system";
          };
      actual.get(t.from().name()).put(t.action().wireName(), t.to().name() + " by " + who);
    }

    assertThat(actual).isEqualTo(EXPECTED);
  }

  static Stream<Arguments> legalRequests() {
    return Lifecycle.table().stream()
        .filter(t -> t.actor() != Lifecycle.Actor.SYSTEM)
        .map(t -> Arguments.of(t.from().name(), t.action().wireName(), t.to().name()));
  }

  @ParameterizedTest(name = "{0} -{1}-> {2}")
  @MethodSource("legalRequests")
  void every_legal_transition_succeeds_for_the_right_role_only(
      String from, String action, String to) {
    UUID id = campaigns.inStatus(from, brand.accessToken(), admin.accessToken());
    boolean byAdmin = EXPECTED.get(from).get(action).endsWith("by admin");
    String rightToken = byAdmin ? admin.accessToken() : brand.accessToken();
    String wrongToken = byAdmin ? brand.accessToken() : admin.accessToken();
    var influencer = api.register("INFLUENCER");

    var wrongRole = request(id, action, wrongToken);
    var influencerCall = request(id, action, influencer.accessToken());
    var otherTenant = byAdmin ? null : request(id, action, otherBrand.accessToken());
    var allowed = request(id, action, rightToken);

    assertThat(wrongRole.status()).as(wrongRole.body()).isEqualTo(403);
    assertThat(influencerCall.status()).isEqualTo(403);
    if (otherTenant != null) {
      assertThat(otherTenant.status()).as("another brand's campaign").isEqualTo(404);
    }
    assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
    assertThat(allowed.json().get("status").asText()).isEqualTo(to);
    assertThat(campaigns.status(id, brand.accessToken())).isEqualTo(to);
    var entries =
        http.get("/admin/audit-log?targetType=campaign&targetId=" + id, admin.accessToken())
            .json()
            .get("entries");
    List<com.fasterxml.jackson.databind.JsonNode> entry = new ArrayList<>();
    entries.forEach(
        e -> {
          if (e.get("action").asText().equals("campaign." + action)) {
            entry.add(e);
          }
        });
    assertThat(entry).hasSize(1);
    assertThat(entry.get(0).at("/before/status").asText()).isEqualTo(from);
    assertThat(entry.get(0).at("/after/status").asText()).isEqualTo(to);
    assertThat(entry.get(0).get("actorId").asText())
        .isEqualTo((byAdmin ? admin : brand).id().toString());
  }

  static Stream<Arguments> illegalRequests() {
    List<Arguments> cases = new ArrayList<>();
    for (String state : STATES) {
      for (String action : REQUESTABLE) {
        if (!EXPECTED.get(state).containsKey(action)) {
          cases.add(Arguments.of(state, action));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{1} in {0} is 409")
  @MethodSource("illegalRequests")
  void every_illegal_transition_is_409_listing_the_allowed_actions(String state, String action) {
    UUID id = campaigns.inStatus(state, brand.accessToken(), admin.accessToken());
    boolean byAdmin = action.equals("approve") || action.equals("reject");

    var response = request(id, action, byAdmin ? admin.accessToken() : brand.accessToken());

    assertThat(response.status()).as(response.body()).isEqualTo(409);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("code").asText()).isEqualTo("illegal-transition");
    assertThat(response.json().get("currentStatus").asText()).isEqualTo(state);
    Set<String> expectedAllowed =
        EXPECTED.get(state).entrySet().stream()
            .filter(e -> !e.getValue().endsWith("by system"))
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    List<String> allowed = new ArrayList<>();
    response.json().get("allowed").forEach(a -> allowed.add(a.asText()));
    assertThat(allowed).containsExactlyInAnyOrderElementsOf(expectedAllowed);
    assertThat(response.json().get("detail").asText()).contains(state).contains(action);
    assertThat(campaigns.status(id, brand.accessToken())).isEqualTo(state);
  }

  @Test
  void the_clock_activates_an_approved_campaign_at_its_start_and_completes_it_at_its_end() {
    UUID id = campaigns.approved(brand.accessToken(), admin.accessToken());
    assertThat(campaigns.status(id, brand.accessToken())).isEqualTo("APPROVED");

    clock.advance(Duration.ofDays(1).plusMinutes(1));
    signInAgain();
    assertThat(api.server().campaignSweeper().sweepDue()).isEqualTo(1);
    var page = http.get("/admin/campaigns?status=ACTIVE", admin.accessToken()).json();
    assertThat(page.get("campaigns").get(0).get("id").asText()).isEqualTo(id.toString());

    clock.advance(Duration.ofDays(30));
    signInAgain();
    assertThat(campaigns.status(id, brand.accessToken())).isEqualTo("COMPLETED");
    var entries =
        http.get("/admin/audit-log?targetType=campaign&targetId=" + id, admin.accessToken())
            .json()
            .get("entries");
    assertThat(entries.get(0).get("action").asText()).isEqualTo("campaign.complete");
    assertThat(entries.get(1).get("action").asText()).isEqualTo("campaign.activate");
    assertThat(
            entries.get(0).path("actorId").isNull()
                || entries.get(0).path("actorId").isMissingNode())
        .as("no actor: the clock did it")
        .isTrue();
  }

  @Test
  void a_campaign_approved_after_its_end_moves_through_active_to_completed_at_the_next_read() {
    UUID id = campaigns.submitted(brand.accessToken());
    clock.advance(Duration.ofDays(40));
    signInAgain();
    http.post("/admin/campaigns/" + id + "/approve", admin.accessToken(), null);

    assertThat(campaigns.status(id, brand.accessToken())).isEqualTo("COMPLETED");
  }

  @Test
  void approval_and_rejection_queue_an_email_to_the_brand_in_the_same_transaction() {
    UUID approved = campaigns.approved(brand.accessToken(), admin.accessToken());
    UUID rejected = campaigns.submitted(brand.accessToken());

    var reject =
        http.post(
            "/admin/campaigns/" + rejected + "/reject",
            admin.accessToken(),
            Map.of("reason", "  The landing page is down  "));

    assertThat(reject.json().get("rejectionReason").asText()).isEqualTo("The landing page is down");
    var rows =
        TestDatabase.get()
            .dsl()
            .selectFrom(NOTIFICATIONS)
            .where(NOTIFICATIONS.RECIPIENT_ID.eq(brand.id()))
            .orderBy(NOTIFICATIONS.KIND)
            .fetch();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).getKind()).isEqualTo("CAMPAIGN_APPROVED");
    assertThat(rows.get(0).getFacts().data())
        .contains(approved.toString())
        .contains("Spring launch");
    assertThat(rows.get(1).getKind()).isEqualTo("CAMPAIGN_REJECTED");
    assertThat(rows.get(1).getFacts().data())
        .contains(rejected.toString())
        .contains("The landing page is down");
  }

  @Test
  void a_rejection_needs_a_reason() {
    UUID id = campaigns.submitted(brand.accessToken());

    var response = http.post("/admin/campaigns/" + id + "/reject", admin.accessToken(), Map.of());

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().findValuesAsText("field")).containsExactly("reason");
    assertThat(campaigns.status(id, brand.accessToken())).isEqualTo("SUBMITTED");
  }

  @Test
  void editing_a_rejected_campaign_returns_it_to_draft_so_it_can_be_submitted_again() {
    UUID id = campaigns.rejected(brand.accessToken(), admin.accessToken());

    var edited =
        http.patch(
            "/brands/campaigns/" + id,
            brand.accessToken(),
            Map.of("brief", "A clearer brief with the right landing page"));
    var resubmitted = http.post("/brands/campaigns/" + id + "/submit", brand.accessToken(), null);

    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.json().get("status").asText()).isEqualTo("DRAFT");
    assertThat(edited.json().has("rejectionReason")).isFalse();
    assertThat(resubmitted.json().get("status").asText()).isEqualTo("SUBMITTED");
  }

  @Test
  void the_admin_queue_lists_submitted_campaigns_of_every_brand() {
    UUID mine = campaigns.submitted(brand.accessToken());
    UUID theirs = campaigns.submitted(otherBrand.accessToken());
    campaigns.draft(brand.accessToken());

    var queue = http.get("/admin/campaigns?status=SUBMITTED", admin.accessToken()).json();

    assertThat(queue.get("campaigns").findValuesAsText("id"))
        .containsExactlyInAnyOrder(mine.toString(), theirs.toString());
    assertThat(http.get("/admin/campaigns?status=LIVE", admin.accessToken()).status())
        .isEqualTo(400);
  }

  @Test
  void a_brand_lists_only_its_own_campaigns_and_cannot_read_another_brands() {
    UUID mine = campaigns.draft(brand.accessToken());
    UUID theirs = campaigns.draft(otherBrand.accessToken());

    var list = http.get("/brands/campaigns", brand.accessToken()).json();
    var other = http.get("/brands/campaigns/" + theirs, brand.accessToken());

    assertThat(list.get("campaigns").findValuesAsText("id")).containsExactly(mine.toString());
    assertThat(other.status()).isEqualTo(404);
    assertThat(other.body()).doesNotContain("Spring launch");
    assertThat(http.get("/brands/campaigns/not-a-uuid", brand.accessToken()).status())
        .isEqualTo(404);
  }

  /** Access tokens live 15 minutes; tests that move the clock by days sign in again. */
  private void signInAgain() {
    brand = api.login(brand.email());
    admin = api.login(admin.email());
  }

  private Http.Response request(UUID id, String action, String token) {
    boolean adminRoute = action.equals("approve") || action.equals("reject");
    String path = (adminRoute ? "/admin/campaigns/" : "/brands/campaigns/") + id + "/" + action;
    Object body = action.equals("reject") ? Map.of("reason", "Not suitable") : null;
    return http.post(path, token, body);
  }
}
