package io.influmeter.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.TestApi;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuthFlowTest extends ApiTest {

  @Test
  void a_brand_registers_and_gets_tokens_and_its_organisation_profile() {
    var response =
        http.post(
            "/auth/register",
            Map.of(
                "email", "  Sales@Acme.Example ",
                "password", TestApi.PASSWORD,
                "role", "BRAND",
                "displayName", "Acme sales",
                "organisationName", "Acme Ltd"));

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.json().get("tokenType").asText()).isEqualTo("Bearer");
    assertThat(response.json().get("expiresIn").asInt()).isEqualTo(900);
    assertThat(response.json().at("/user/email").asText()).isEqualTo("sales@acme.example");
    assertThat(response.json().at("/user/brandProfile/organisationName").asText())
        .isEqualTo("Acme Ltd");
    var me = http.get("/users/me", response.json().get("accessToken").asText());
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("role").asText()).isEqualTo("BRAND");
  }

  @Test
  void the_same_email_in_another_case_cannot_register_twice() {
    var first = api.register("INFLUENCER");

    var second =
        http.post(
            "/auth/register",
            Map.of(
                "email",
                first.email().toUpperCase(java.util.Locale.ROOT),
                "password",
                TestApi.PASSWORD,
                "role",
                "INFLUENCER",
                "displayName",
                "Copy"));

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.json().get("type").asText()).isEqualTo("/problems/email-taken");
  }

  @Test
  void nobody_can_register_as_an_admin() {
    var response =
        http.post(
            "/auth/register",
            Map.of(
                "email", "root@example.test",
                "password", TestApi.PASSWORD,
                "role", "ADMIN",
                "displayName", "Root"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("role");
  }

  @Test
  void registration_lists_every_bad_field_at_once() {
    var response =
        http.post(
            "/auth/register",
            Map.of("email", "not-an-email", "password", "short", "role", "BRAND"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().findValuesAsText("field"))
        .contains("email", "password", "displayName", "organisationName");
  }

  @Test
  void login_with_the_right_password_works_and_with_a_wrong_one_gives_401() {
    var account = api.register("BRAND");

    var wrong =
        http.post("/auth/login", Map.of("email", account.email(), "password", "wrong password!!"));
    var unknown =
        http.post(
            "/auth/login", Map.of("email", "nobody@example.test", "password", "whatever12345"));
    var right = api.login(account.email());

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.json().get("type")).isEqualTo(wrong.json().get("type"));
    assertThat(right.id()).isEqualTo(account.id());
  }

  @Test
  void a_refresh_token_rotates_and_the_old_one_stops_working() {
    var account = api.register("INFLUENCER");

    var refreshed = http.post("/auth/refresh", Map.of("refreshToken", account.refreshToken()));

    assertThat(refreshed.status()).isEqualTo(200);
    String next = refreshed.json().get("refreshToken").asText();
    assertThat(next).isNotEqualTo(account.refreshToken());
    assertThat(http.get("/users/me", refreshed.json().get("accessToken").asText()).status())
        .isEqualTo(200);
    assertThat(http.post("/auth/refresh", Map.of("refreshToken", next)).status()).isEqualTo(200);
  }

  @Test
  void reusing_a_rotated_refresh_token_revokes_the_whole_session() {
    var account = api.register("INFLUENCER");
    var rotated = http.post("/auth/refresh", Map.of("refreshToken", account.refreshToken()));
    String stolenCopyHolderToken = rotated.json().get("refreshToken").asText();
    String stolenCopyAccess = rotated.json().get("accessToken").asText();

    var reuse = http.post("/auth/refresh", Map.of("refreshToken", account.refreshToken()));

    assertThat(reuse.status()).isEqualTo(401);
    assertThat(http.post("/auth/refresh", Map.of("refreshToken", stolenCopyHolderToken)).status())
        .isEqualTo(401);
    assertThat(http.get("/users/me", stolenCopyAccess).status()).isEqualTo(401);
    assertThat(http.get("/users/me", account.accessToken()).status()).isEqualTo(401);
    // Other sessions of the same account are untouched.
    assertThat(http.get("/users/me", api.login(account.email()).accessToken()).status())
        .isEqualTo(200);
  }

  @Test
  void one_refresh_token_presented_twice_at_the_same_moment_is_redeemed_at_most_once()
      throws Exception {
    var account = api.register("BRAND");
    var start = new java.util.concurrent.CountDownLatch(1);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.Callable<Integer> redeem =
          () -> {
            start.await();
            return http.post("/auth/refresh", Map.of("refreshToken", account.refreshToken()))
                .status();
          };
      var first = pool.submit(redeem);
      var second = pool.submit(redeem);
      start.countDown();

      assertThat(java.util.List.of(first.get(), second.get())).containsOnly(200, 401).contains(401);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void an_unknown_or_expired_refresh_token_is_refused() {
    var account = api.register("BRAND");

    assertThat(http.post("/auth/refresh", Map.of("refreshToken", "made-up")).status())
        .isEqualTo(401);
    clock.advance(java.time.Duration.ofDays(31));
    assertThat(http.post("/auth/refresh", Map.of("refreshToken", account.refreshToken())).status())
        .isEqualTo(401);
  }

  @Test
  void logout_revokes_the_access_and_refresh_tokens_of_the_session() {
    var account = api.register("BRAND");

    var logout = http.post("/auth/logout", account.accessToken(), null);

    assertThat(logout.status()).isEqualTo(204);
    assertThat(http.get("/users/me", account.accessToken()).status()).isEqualTo(401);
    assertThat(http.post("/auth/refresh", Map.of("refreshToken", account.refreshToken())).status())
        .isEqualTo(401);
  }

  @Test
  void an_admin_creates_another_admin_who_can_sign_in() {
    var admin = api.admin();

    var created =
        http.post(
            "/admin/admins",
            admin.accessToken(),
            Map.of(
                "email",
                "second-admin@example.test",
                "password",
                TestApi.PASSWORD,
                "displayName",
                "Second"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("role").asText()).isEqualTo("ADMIN");
    assertThat(api.login("second-admin@example.test").role()).isEqualTo("ADMIN");
  }
}
