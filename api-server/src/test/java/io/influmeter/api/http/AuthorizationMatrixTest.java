package io.influmeter.api.http;

import static io.influmeter.api.http.AuthorizationMatrixTest.Kind.ADMIN;
import static io.influmeter.api.http.AuthorizationMatrixTest.Kind.ANONYMOUS;
import static io.influmeter.api.http.AuthorizationMatrixTest.Kind.BRAND;
import static io.influmeter.api.http.AuthorizationMatrixTest.Kind.INFLUENCER;
import static io.influmeter.api.http.AuthorizationMatrixTest.Kind.OTHER_BRAND;
import static io.influmeter.api.http.AuthorizationMatrixTest.Kind.OTHER_INFLUENCER;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.ApiConfig;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.CampaignFixture;
import io.influmeter.api.support.Campaigns;
import io.influmeter.api.support.EventStream;
import io.influmeter.api.support.FakeFacebook;
import io.influmeter.api.support.FakeGoogle;
import io.influmeter.api.support.Http;
import io.influmeter.api.support.Media;
import io.influmeter.api.support.Multipart;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every route of the routes table, called by every kind of principal, with the expected outcome
 * written down here independently of the table: allowed (a 2xx) or denied (401 for anonymous, 403
 * or 404 for a signed-in caller). A route without a row here fails {@link
 * #every_route_of_the_table_has_a_row_in_the_matrix_and_no_row_is_stale()}.
 */
class AuthorizationMatrixTest extends ApiTest {
  private static final FakeGoogle GOOGLE = new FakeGoogle();
  private static final FakeFacebook FACEBOOK = new FakeFacebook();
  private static final AtomicInteger UNIQUE = new AtomicInteger();

  enum Kind {
    ANONYMOUS,
    INFLUENCER,
    OTHER_INFLUENCER,
    BRAND,
    OTHER_BRAND,
    ADMIN
  }

  private static final Set<Kind> EVERYONE = EnumSet.allOf(Kind.class);
  private static final Set<Kind> SIGNED_IN = EnumSet.complementOf(EnumSet.of(ANONYMOUS));
  private static final Set<Kind> ADMINS = EnumSet.of(ADMIN);
  private static final Set<Kind> INFLUENCERS = EnumSet.of(INFLUENCER, OTHER_INFLUENCER);
  private static final Set<Kind> BRANDS = EnumSet.of(BRAND, OTHER_BRAND);

  /** The accounts of one run and what requests need (ids, fresh refresh tokens). */
  private final class Fixture {
    final Map<Kind, TestApi.Account> accounts = new EnumMap<>(Kind.class);

    Fixture() {
      accounts.put(INFLUENCER, api.register("INFLUENCER"));
      accounts.put(OTHER_INFLUENCER, api.register("INFLUENCER"));
      accounts.put(BRAND, api.register("BRAND"));
      accounts.put(OTHER_BRAND, api.register("BRAND"));
      accounts.put(ADMIN, api.admin());
    }

    String token(Kind kind) {
      return kind == ANONYMOUS ? null : accounts.get(kind).accessToken();
    }

    String id(Kind kind) {
      return accounts.get(kind).id().toString();
    }

    /** A new campaign owned by BRAND (AI insights rows). */
    java.util.UUID brandCampaign() {
      return io.influmeter.api.insights.InsightFixtures.campaign(
          io.influmeter.api.support.TestDatabase.get().dsl(),
          accounts.get(BRAND).id(),
          java.time.Instant.now());
    }

    private int streamTokens;

    /**
     * A stream token of the campaign from BRAND, ADMIN or INFLUENCER in turn: the server only
     * notices a closed stream at its next heartbeats, and rotating the holders keeps each of them
     * under the five-streams-per-user cap meanwhile.
     */
    String streamToken(UUID campaign) {
      Kind holder = List.of(BRAND, ADMIN, INFLUENCER).get(streamTokens++ % 3);
      return http.post("/analytics/campaigns/" + campaign + "/live-token", token(holder), null)
          .json()
          .get("token")
          .asText();
    }

    String freshRefreshToken() {
      return api.login(accounts.get(INFLUENCER).email()).refreshToken();
    }

    CampaignFixture campaigns() {
      return new CampaignFixture(http, clock);
    }

    // Influencers, referral links, stores: fresh objects per call, owned by BRAND / INFLUENCER.
    UUID campaign() {
      return new Campaigns(TestDatabase.get().dsl(), clock.instant())
          .of(accounts.get(BRAND).id())
          .insert();
    }

    UUID appliedCampaign() {
      UUID campaign = campaign();
      new Campaigns(TestDatabase.get().dsl(), clock.instant())
          .applied(campaign, accounts.get(INFLUENCER).id());
      return campaign;
    }

    UUID invitedCampaign() {
      UUID campaign = campaign();
      new Campaigns(TestDatabase.get().dsl(), clock.instant())
          .invite(campaign, accounts.get(INFLUENCER).id());
      return campaign;
    }

    String link() {
      UUID campaign = invitedCampaign();
      var accepted =
          http.post(
              "/influencers/invitations/" + campaign + "/accept",
              accounts.get(INFLUENCER).accessToken(),
              null);
      return accepted.json().at("/link/id").asText();
    }

    String store() {
      return http.post(
              "/brands/stores",
              accounts.get(BRAND).accessToken(),
              Map.of("platform", "STRIPE", "displayName", "Matrix", "currency", "USD"))
          .json()
          .at("/store/id")
          .asText();
    }

    // Content, disputes, admin reports: a campaign of BRAND with INFLUENCER accepted (rows
    // written straight into the V3 tables), and fresh objects per call so no cell depends on
    // another cell's change.
    private UUID acceptedCampaign;

    UUID acceptedCampaign() {
      if (acceptedCampaign == null) {
        var fixture = Campaigns.now();
        acceptedCampaign = fixture.of(accounts.get(BRAND).id()).insert();
        fixture.participant(acceptedCampaign, accounts.get(INFLUENCER).id(), "ACCEPTED");
      }
      return acceptedCampaign;
    }

    String newContent() {
      var response =
          Multipart.upload(
              api,
              "/campaigns/" + acceptedCampaign() + "/content",
              token(INFLUENCER),
              Media.png(8, 8),
              "matrix.png",
              "image/png",
              null);
      assertThat(response.status()).as(response.body()).isEqualTo(201);
      return response.json().get("content").get("id").asText();
    }

    String contentWithChangesRequested() {
      String id = newContent();
      http.post("/content/" + id + "/request-changes", token(BRAND), Map.of("comment", "redo"));
      return id;
    }

    String downloadPath() {
      return http.get("/content/" + newContent() + "/download-url", token(INFLUENCER))
          .json()
          .get("url")
          .asText();
    }

    Map<String, Object> dispute() {
      return Map.of(
          "campaignId",
          acceptedCampaign().toString(),
          "subject",
          "CONVERSION",
          "reference",
          "order-" + UNIQUE.incrementAndGet(),
          "description",
          "Matrix dispute",
          "influencerId",
          id(INFLUENCER));
    }

    String newDispute() {
      return http.post("/disputes", token(INFLUENCER), dispute()).json().get("id").asText();
    }
  }

  /** A multipart upload of a small PNG as part "file". */
  private record Upload(byte[] bytes) {}

  /** An event stream: only the status counts (the body never ends). */
  private record Stream() {}

  private record Call(String method, String path, Object body) {}

  private record Row(Set<Kind> allowed, Function<Fixture, Call> call) {}

  /** The expected matrix. One row per route; edit it whenever a route is added. */
  private static Map<String, Row> matrix() {
    Map<String, Row> m = new LinkedHashMap<>();
    m.put("GET /health/live", new Row(EVERYONE, f -> new Call("GET", "/health/live", null)));
    m.put("GET /health/ready", new Row(EVERYONE, f -> new Call("GET", "/health/ready", null)));
    m.put("GET /metrics", new Row(EVERYONE, f -> new Call("GET", "/metrics", null)));
    m.put("GET /openapi.json", new Row(EVERYONE, f -> new Call("GET", "/openapi.json", null)));
    m.put("GET /docs", new Row(EVERYONE, f -> new Call("GET", "/docs", null)));
    m.put(
        "POST /auth/register",
        new Row(
            EVERYONE,
            f ->
                new Call(
                    "POST",
                    "/auth/register",
                    Map.of(
                        "email",
                        TestApi.uniqueEmail("matrix"),
                        "password",
                        TestApi.PASSWORD,
                        "role",
                        "INFLUENCER",
                        "displayName",
                        "Matrix"))));
    m.put(
        "POST /auth/login",
        new Row(
            EVERYONE,
            f ->
                new Call(
                    "POST",
                    "/auth/login",
                    Map.of("email", f.accounts.get(BRAND).email(), "password", TestApi.PASSWORD))));
    m.put(
        "POST /auth/google",
        new Row(
            EVERYONE,
            f -> {
              int n = UNIQUE.incrementAndGet();
              String token =
                  GOOGLE.sign(
                      FakeGoogle.claims(
                              java.time.Instant.now(), "matrix-sub-" + n, "g" + n + "@example.test")
                          .build());
              return new Call("POST", "/auth/google", Map.of("idToken", token));
            }));
    m.put(
        "POST /auth/facebook",
        new Row(
            EVERYONE,
            f -> {
              int n = UNIQUE.incrementAndGet();
              String code =
                  FACEBOOK.authorize("fb-" + n, "Matrix " + n, "fb" + n + "@example.test");
              return new Call(
                  "POST",
                  "/auth/facebook",
                  Map.of("code", code, "redirectUri", FakeFacebook.REDIRECT_URI));
            }));
    m.put(
        "POST /auth/refresh",
        new Row(
            EVERYONE,
            f -> new Call("POST", "/auth/refresh", Map.of("refreshToken", f.freshRefreshToken()))));
    m.put("POST /auth/logout", new Row(SIGNED_IN, f -> new Call("POST", "/auth/logout", null)));
    m.put("GET /users/me", new Row(SIGNED_IN, f -> new Call("GET", "/users/me", null)));
    m.put(
        "PATCH /users/me",
        new Row(SIGNED_IN, f -> new Call("PATCH", "/users/me", Map.of("displayName", "Renamed"))));
    m.put(
        "GET /users/{id}",
        new Row(SIGNED_IN, f -> new Call("GET", "/users/" + f.id(INFLUENCER), null)));
    m.put(
        "PUT /admin/users/{id}/verification",
        new Row(
            ADMINS,
            f ->
                new Call(
                    "PUT",
                    "/admin/users/" + f.id(OTHER_INFLUENCER) + "/verification",
                    Map.of("verified", true))));
    m.put(
        "PUT /admin/users/{id}/status",
        new Row(
            ADMINS,
            f ->
                new Call(
                    "PUT",
                    "/admin/users/" + f.id(OTHER_BRAND) + "/status",
                    Map.of("status", "ACTIVE"))));
    m.put(
        "POST /admin/admins",
        new Row(
            ADMINS,
            f ->
                new Call(
                    "POST",
                    "/admin/admins",
                    Map.of(
                        "email",
                        TestApi.uniqueEmail("matrix-admin"),
                        "password",
                        TestApi.PASSWORD,
                        "displayName",
                        "Matrix admin"))));
    m.put("GET /admin/audit-log", new Row(ADMINS, f -> new Call("GET", "/admin/audit-log", null)));

    // Influencers, referral links, stores
    m.put(
        "GET /influencers/me/profile",
        new Row(INFLUENCERS, f -> new Call("GET", "/influencers/me/profile", null)));
    m.put(
        "PUT /influencers/me/profile",
        new Row(
            INFLUENCERS,
            f -> new Call("PUT", "/influencers/me/profile", Map.of("region", "Nairobi"))));
    m.put(
        "GET /influencers/campaigns",
        new Row(INFLUENCERS, f -> new Call("GET", "/influencers/campaigns", null)));
    m.put(
        "POST /influencers/campaigns/{id}/applications",
        new Row(
            INFLUENCERS,
            f ->
                new Call(
                    "POST",
                    "/influencers/campaigns/" + f.campaign() + "/applications",
                    Map.of("pitch", "Matrix"))));
    m.put(
        "DELETE /influencers/campaigns/{id}/applications",
        new Row(
            EnumSet.of(INFLUENCER),
            f ->
                new Call(
                    "DELETE",
                    "/influencers/campaigns/" + f.appliedCampaign() + "/applications",
                    null)));
    m.put(
        "GET /influencers/invitations",
        new Row(INFLUENCERS, f -> new Call("GET", "/influencers/invitations", null)));
    m.put(
        "POST /influencers/invitations/{campaignId}/accept",
        new Row(
            EnumSet.of(INFLUENCER),
            f ->
                new Call(
                    "POST", "/influencers/invitations/" + f.invitedCampaign() + "/accept", null)));
    m.put(
        "POST /influencers/invitations/{campaignId}/decline",
        new Row(
            EnumSet.of(INFLUENCER),
            f ->
                new Call(
                    "POST", "/influencers/invitations/" + f.invitedCampaign() + "/decline", null)));
    m.put(
        "POST /brands/campaigns/{id}/applications/{influencerId}/accept",
        new Row(
            EnumSet.of(BRAND),
            f ->
                new Call(
                    "POST",
                    "/brands/campaigns/"
                        + f.appliedCampaign()
                        + "/applications/"
                        + f.id(INFLUENCER)
                        + "/accept",
                    null)));
    m.put(
        "POST /brands/campaigns/{id}/applications/{influencerId}/decline",
        new Row(
            EnumSet.of(BRAND),
            f ->
                new Call(
                    "POST",
                    "/brands/campaigns/"
                        + f.appliedCampaign()
                        + "/applications/"
                        + f.id(INFLUENCER)
                        + "/decline",
                    null)));
    m.put(
        "GET /influencers/links",
        new Row(INFLUENCERS, f -> new Call("GET", "/influencers/links", null)));
    m.put(
        "GET /brands/campaigns/{id}/links",
        new Row(
            EnumSet.of(BRAND),
            f -> new Call("GET", "/brands/campaigns/" + f.campaign() + "/links", null)));
    m.put(
        "POST /influencers/links/{id}/pause",
        new Row(
            EnumSet.of(INFLUENCER),
            f -> new Call("POST", "/influencers/links/" + f.link() + "/pause", null)));
    m.put(
        "POST /influencers/links/{id}/resume",
        new Row(
            EnumSet.of(INFLUENCER),
            f -> new Call("POST", "/influencers/links/" + f.link() + "/resume", null)));
    m.put(
        "POST /brands/links/{id}/pause",
        new Row(
            EnumSet.of(BRAND),
            f -> new Call("POST", "/brands/links/" + f.link() + "/pause", null)));
    m.put(
        "POST /brands/links/{id}/resume",
        new Row(
            EnumSet.of(BRAND),
            f -> new Call("POST", "/brands/links/" + f.link() + "/resume", null)));
    m.put(
        "POST /brands/links/{id}/retire",
        new Row(
            EnumSet.of(BRAND),
            f -> new Call("POST", "/brands/links/" + f.link() + "/retire", null)));
    m.put(
        "POST /brands/stores",
        new Row(
            BRANDS,
            f ->
                new Call(
                    "POST",
                    "/brands/stores",
                    Map.of("platform", "GENERIC", "displayName", "Shop", "currency", "KES"))));
    m.put("GET /brands/stores", new Row(BRANDS, f -> new Call("GET", "/brands/stores", null)));
    m.put(
        "POST /brands/stores/{id}/rotate-secret",
        new Row(
            EnumSet.of(BRAND),
            f -> new Call("POST", "/brands/stores/" + f.store() + "/rotate-secret", null)));

    // Campaigns (brand side, admin moderation). Each call brings a fresh campaign of BRAND into
    // the status the route needs, so one cell's success cannot change the next cell's outcome.
    Set<Kind> brands = EnumSet.of(BRAND, OTHER_BRAND);
    Set<Kind> owner = EnumSet.of(BRAND);
    m.put(
        "POST /brands/campaigns",
        new Row(brands, f -> new Call("POST", "/brands/campaigns", f.campaigns().body())));
    m.put(
        "GET /brands/campaigns", new Row(brands, f -> new Call("GET", "/brands/campaigns", null)));
    m.put(
        "GET /brands/campaigns/{id}",
        new Row(owner, f -> new Call("GET", "/brands/campaigns/" + draft(f), null)));
    m.put(
        "PATCH /brands/campaigns/{id}",
        new Row(
            owner,
            f -> new Call("PATCH", "/brands/campaigns/" + draft(f), Map.of("brief", "New brief"))));
    m.put(
        "POST /brands/campaigns/{id}/submit",
        new Row(owner, f -> new Call("POST", "/brands/campaigns/" + draft(f) + "/submit", null)));
    m.put(
        "POST /brands/campaigns/{id}/close",
        new Row(
            owner,
            f ->
                new Call(
                    "POST",
                    "/brands/campaigns/"
                        + f.campaigns().active(f.token(BRAND), f.token(ADMIN))
                        + "/close",
                    null)));
    m.put(
        "POST /brands/campaigns/{id}/cancel",
        new Row(owner, f -> new Call("POST", "/brands/campaigns/" + draft(f) + "/cancel", null)));
    m.put(
        "GET /brands/influencers",
        new Row(brands, f -> new Call("GET", "/brands/influencers?sort=-followers", null)));
    m.put(
        "GET /brands/campaigns/{id}/matches",
        new Row(owner, f -> new Call("GET", "/brands/campaigns/" + draft(f) + "/matches", null)));
    m.put(
        "POST /brands/campaigns/{id}/invitations",
        new Row(
            owner,
            f ->
                new Call(
                    "POST",
                    "/brands/campaigns/" + approved(f) + "/invitations",
                    Map.of("influencerId", f.id(INFLUENCER)))));
    m.put(
        "DELETE /brands/campaigns/{id}/invitations/{influencerId}",
        new Row(
            owner,
            f -> {
              String campaign = approved(f);
              f.campaigns().invite(f.token(BRAND), campaign, f.id(INFLUENCER));
              return new Call(
                  "DELETE",
                  "/brands/campaigns/" + campaign + "/invitations/" + f.id(INFLUENCER),
                  null);
            }));
    m.put(
        "GET /brands/campaigns/{id}/participants",
        new Row(
            owner, f -> new Call("GET", "/brands/campaigns/" + draft(f) + "/participants", null)));
    m.put(
        "POST /brands/campaigns/{id}/rebook",
        new Row(
            owner,
            f ->
                new Call(
                    "POST",
                    "/brands/campaigns/" + approved(f) + "/rebook",
                    Map.of(
                        "fromCampaignId",
                        f.campaigns().active(f.token(BRAND), f.token(ADMIN)).toString()))));
    m.put("GET /admin/campaigns", new Row(ADMINS, f -> new Call("GET", "/admin/campaigns", null)));
    m.put(
        "POST /admin/campaigns/{id}/approve",
        new Row(
            ADMINS,
            f ->
                new Call(
                    "POST",
                    "/admin/campaigns/" + f.campaigns().submitted(f.token(BRAND)) + "/approve",
                    null)));
    m.put(
        "POST /admin/campaigns/{id}/reject",
        new Row(
            ADMINS,
            f ->
                new Call(
                    "POST",
                    "/admin/campaigns/" + f.campaigns().submitted(f.token(BRAND)) + "/reject",
                    Map.of("reason", "Landing page is down"))));

    // Content, disputes, admin reports
    Set<Kind> contentViewers = EnumSet.of(INFLUENCER, BRAND, ADMIN);
    Set<Kind> parties = EnumSet.of(INFLUENCER, OTHER_INFLUENCER, BRAND, OTHER_BRAND);
    m.put(
        "POST /campaigns/{id}/content",
        new Row(
            EnumSet.of(INFLUENCER),
            f ->
                new Call(
                    "POST",
                    "/campaigns/" + f.acceptedCampaign() + "/content",
                    new Upload(Media.png(3, 3)))));
    m.put(
        "GET /campaigns/{id}/content",
        new Row(
            contentViewers,
            f -> new Call("GET", "/campaigns/" + f.acceptedCampaign() + "/content", null)));
    m.put(
        "GET /content/{id}",
        new Row(contentViewers, f -> new Call("GET", "/content/" + f.newContent(), null)));
    m.put(
        "POST /content/{id}/revisions",
        new Row(
            EnumSet.of(INFLUENCER),
            f ->
                new Call(
                    "POST",
                    "/content/" + f.contentWithChangesRequested() + "/revisions",
                    new Upload(Media.jpeg(3, 3)))));
    m.put(
        "GET /content/{id}/download-url",
        new Row(
            contentViewers,
            f -> new Call("GET", "/content/" + f.newContent() + "/download-url", null)));
    m.put(
        "GET /content/files/{token}",
        new Row(EVERYONE, f -> new Call("GET", f.downloadPath(), null)));
    m.put(
        "POST /content/{id}/approve",
        new Row(
            EnumSet.of(BRAND),
            f -> new Call("POST", "/content/" + f.newContent() + "/approve", null)));
    m.put(
        "POST /content/{id}/request-changes",
        new Row(
            EnumSet.of(BRAND),
            f ->
                new Call(
                    "POST",
                    "/content/" + f.newContent() + "/request-changes",
                    Map.of("comment", "Brighter, please"))));
    m.put(
        "POST /content/{id}/flags",
        new Row(
            contentViewers,
            f ->
                new Call(
                    "POST", "/content/" + f.newContent() + "/flags", Map.of("reason", "spam"))));
    m.put(
        "GET /admin/content/flagged",
        new Row(ADMINS, f -> new Call("GET", "/admin/content/flagged", null)));
    m.put(
        "POST /admin/content/{id}/remove",
        new Row(
            ADMINS,
            f ->
                new Call(
                    "POST",
                    "/admin/content/" + f.newContent() + "/remove",
                    Map.of("note", "matrix"))));
    m.put(
        "POST /admin/content/{id}/restore",
        new Row(
            ADMINS, f -> new Call("POST", "/admin/content/" + f.newContent() + "/restore", null)));
    m.put(
        "POST /disputes",
        new Row(EnumSet.of(INFLUENCER, BRAND), f -> new Call("POST", "/disputes", f.dispute())));
    m.put("GET /disputes", new Row(parties, f -> new Call("GET", "/disputes", null)));
    m.put(
        "GET /admin/disputes",
        new Row(ADMINS, f -> new Call("GET", "/admin/disputes?status=OPEN", null)));
    m.put(
        "POST /admin/disputes/{id}/resolve",
        new Row(
            ADMINS,
            f ->
                new Call(
                    "POST",
                    "/admin/disputes/" + f.newDispute() + "/resolve",
                    Map.of("outcome", "REJECTED", "note", "matrix"))));
    m.put("GET /admin/dashboard", new Row(ADMINS, f -> new Call("GET", "/admin/dashboard", null)));
    m.put(
        "PUT /admin/campaigns/{id}/fee-rule",
        new Row(
            ADMINS,
            f ->
                new Call(
                    "PUT",
                    "/admin/campaigns/" + f.acceptedCampaign() + "/fee-rule",
                    Map.of("percent", "3.5"))));
    m.put(
        "PUT /admin/plans/{plan}/fee-rule",
        new Row(
            ADMINS,
            f ->
                new Call(
                    "PUT", "/admin/plans/growth/fee-rule", Map.of("fixedPerConversionMinor", 25))));
    m.put(
        "POST /admin/subscriptions",
        new Row(
            ADMINS,
            f ->
                new Call(
                    "POST",
                    "/admin/subscriptions",
                    Map.of(
                        "brandId", f.id(BRAND),
                        "plan", "growth",
                        "amountMinor", 1000,
                        "currency", "USD",
                        "periodStart", "2026-01-01",
                        "periodEnd", "2026-01-31"))));
    m.put(
        "GET /admin/reports/revenue",
        new Row(
            ADMINS,
            f -> new Call("GET", "/admin/reports/revenue?from=2026-01-01&to=2026-12-31", null)));

    // AI insights: a fresh campaign of BRAND per call (the fixture has none, and on-demand
    // reports are limited to one per campaign per minute).
    Set<Kind> brandOwnerOrAdmin = EnumSet.of(BRAND, ADMIN);
    m.put(
        "POST /campaigns/{id}/insights",
        new Row(
            brandOwnerOrAdmin,
            f -> new Call("POST", "/campaigns/" + f.brandCampaign() + "/insights", null)));
    m.put(
        "GET /campaigns/{id}/insights",
        new Row(
            brandOwnerOrAdmin,
            f -> new Call("GET", "/campaigns/" + f.brandCampaign() + "/insights", null)));
    m.put(
        "GET /admin/insights/costs",
        new Row(ADMINS, f -> new Call("GET", "/admin/insights/costs", null)));

    // Analytics: BRAND's campaign with INFLUENCER accepted; another brand and a non-participant
    // get 404, an influencer sees their own numbers (summary, series) but no leaderboard.
    Set<Kind> campaignViewers = EnumSet.of(BRAND, ADMIN, INFLUENCER);
    for (String view : List.of("summary", "timeseries", "export.csv", "report")) {
      m.put(
          "GET /analytics/campaigns/{id}/" + view,
          new Row(
              campaignViewers,
              f ->
                  new Call(
                      "GET", "/analytics/campaigns/" + f.acceptedCampaign() + "/" + view, null)));
    }
    m.put(
        "GET /analytics/campaigns/{id}/leaderboard",
        new Row(
            brandOwnerOrAdmin,
            f ->
                new Call(
                    "GET", "/analytics/campaigns/" + f.acceptedCampaign() + "/leaderboard", null)));
    m.put(
        "GET /analytics/leaderboard",
        new Row(ADMINS, f -> new Call("GET", "/analytics/leaderboard?currency=KES", null)));
    m.put(
        "GET /analytics/influencers/me/summary",
        new Row(INFLUENCERS, f -> new Call("GET", "/analytics/influencers/me/summary", null)));

    // Live dashboard stream: the token route has the summary's rights (the campaign's brand, an
    // admin, an accepted influencer). The stream itself takes no bearer token: its credential is
    // the stream token in the query, so whoever holds a valid one (here BRAND's) gets the stream.
    m.put(
        "POST /analytics/campaigns/{id}/live-token",
        new Row(
            EnumSet.of(INFLUENCER, BRAND, ADMIN),
            f ->
                new Call(
                    "POST", "/analytics/campaigns/" + f.acceptedCampaign() + "/live-token", null)));
    m.put(
        "GET /analytics/campaigns/{id}/live",
        new Row(
            EVERYONE,
            f ->
                new Call(
                    "GET",
                    "/analytics/campaigns/"
                        + f.acceptedCampaign()
                        + "/live?token="
                        + f.streamToken(f.acceptedCampaign()),
                    new Stream())));
    m.put("GET /dashboard", new Row(EVERYONE, f -> new Call("GET", "/dashboard", null)));
    m.put(
        "GET /dashboard/assets/{name}",
        new Row(EVERYONE, f -> new Call("GET", "/dashboard/assets/dashboard.js", null)));
    return m;
  }

  /** What a cell checks: the status, and the body for the failure message. */
  private record Outcome(int status, String body) {}

  private Outcome sendAs(Call call, String token) {
    Http.Response response = http.send(call.method(), call.path(), token, call.body(), Map.of());
    return new Outcome(response.status(), response.body());
  }

  private Outcome uploadAs(String path, String token, Upload upload) {
    var response =
        Multipart.upload(api, path, token, upload.bytes(), "matrix.png", "image/png", null);
    return new Outcome(response.status(), response.body());
  }

  private Outcome streamAs(String path) {
    try (var stream = EventStream.open(api.server().port(), path)) {
      return new Outcome(stream.status(), stream.header("Content-Type"));
    }
  }

  private static String draft(Fixture f) {
    return f.campaigns().draft(f.token(BRAND)).toString();
  }

  private static String approved(Fixture f) {
    return f.campaigns().approved(f.token(BRAND), f.token(ADMIN)).toString();
  }

  @AfterAll
  static void stopFakes() {
    GOOGLE.close();
    FACEBOOK.close();
  }

  @Override
  protected ApiConfig configure(ApiConfig config) {
    return TestApi.withFacebook(TestApi.withGoogle(config, GOOGLE.config()), FACEBOOK.config());
  }

  @Test
  void every_route_of_the_table_has_a_row_in_the_matrix_and_no_row_is_stale() {
    Set<String> routes = api.server().routes().stream().map(Route::key).collect(Collectors.toSet());

    assertThat(matrix().keySet()).containsExactlyInAnyOrderElementsOf(routes);
  }

  @TestFactory
  List<DynamicTest> every_principal_gets_the_expected_answer_from_every_route() {
    var fixture = new Fixture();
    var rows = new ArrayList<>(matrix().entrySet());
    // Logging out ends the caller's session, so it runs after every other cell.
    rows.sort(
        (a, b) ->
            Boolean.compare(
                a.getKey().equals("POST /auth/logout"), b.getKey().equals("POST /auth/logout")));
    List<DynamicTest> cells = new ArrayList<>();
    for (var row : rows) {
      for (Kind kind : Kind.values()) {
        boolean allowed = row.getValue().allowed().contains(kind);
        String name = row.getKey() + " as " + kind + (allowed ? " is allowed" : " is denied");
        cells.add(
            DynamicTest.dynamicTest(
                name,
                () -> {
                  Call call = row.getValue().call().apply(fixture);
                  Outcome response;
                  if (call.body() instanceof Upload upload) {
                    response = uploadAs(call.path(), fixture.token(kind), upload);
                  } else if (call.body() instanceof Stream) {
                    response = streamAs(call.path());
                  } else {
                    response = sendAs(call, fixture.token(kind));
                  }
                  if (allowed) {
                    assertThat(response.status())
                        .as(name + ": " + response.body())
                        .isBetween(200, 299);
                  } else if (kind == ANONYMOUS) {
                    assertThat(response.status()).as(name).isEqualTo(401);
                  } else {
                    assertThat(response.status()).as(name).isIn(403, 404);
                  }
                }));
      }
    }
    return cells;
  }
}
