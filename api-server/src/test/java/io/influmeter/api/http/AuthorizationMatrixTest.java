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
import io.influmeter.api.support.FakeFacebook;
import io.influmeter.api.support.FakeGoogle;
import io.influmeter.api.support.Http;
import io.influmeter.api.support.TestApi;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    String freshRefreshToken() {
      return api.login(accounts.get(INFLUENCER).email()).refreshToken();
    }
  }

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
    return m;
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
                  Http.Response response =
                      http.send(
                          call.method(), call.path(), fixture.token(kind), call.body(), Map.of());
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
