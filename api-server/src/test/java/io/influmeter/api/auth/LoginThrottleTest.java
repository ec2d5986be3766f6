package io.influmeter.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.ApiConfig;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LoginThrottleTest extends ApiTest {

  @Override
  protected ApiConfig configure(ApiConfig config) {
    return TestApi.withLoginThrottle(
        config,
        new ApiConfig.LoginThrottleConfig(3, 8, Duration.ofSeconds(30), Duration.ofMinutes(15)));
  }

  private int attempt(String email, String password) {
    return http.post("/auth/login", Map.of("email", email, "password", password)).status();
  }

  @Test
  void an_account_is_locked_after_repeated_failures_even_for_the_right_password() {
    var account = api.register("BRAND");
    for (int i = 0; i < 4; i++) {
      assertThat(attempt(account.email(), "wrong password " + i)).isEqualTo(401);
    }

    var locked =
        http.post("/auth/login", Map.of("email", account.email(), "password", TestApi.PASSWORD));

    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.json().get("type").asText()).isEqualTo("/problems/login-locked");
    assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 31);
  }

  @Test
  void the_lock_expires_and_then_grows_with_further_failures() {
    var account = api.register("BRAND");
    for (int i = 0; i < 4; i++) {
      attempt(account.email(), "wrong password " + i);
    }
    clock.advance(Duration.ofSeconds(31));
    assertThat(attempt(account.email(), "still wrong password")).isEqualTo(401);

    var locked =
        http.post("/auth/login", Map.of("email", account.email(), "password", TestApi.PASSWORD));

    assertThat(locked.status()).isEqualTo(429);
    assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(31, 61);
    clock.advance(Duration.ofSeconds(61));
    assertThat(attempt(account.email(), TestApi.PASSWORD)).isEqualTo(200);
  }

  @Test
  void unknown_emails_are_throttled_like_real_ones() {
    for (int i = 0; i < 4; i++) {
      attempt("ghost@example.test", "guess number " + i);
    }

    assertThat(attempt("ghost@example.test", "another guess")).isEqualTo(429);
  }

  @Test
  void one_ip_spraying_many_accounts_is_locked() {
    var account = api.register("INFLUENCER");
    for (int i = 0; i < 9; i++) {
      attempt("victim" + i + "@example.test", "common guess 123");
    }

    assertThat(attempt(account.email(), TestApi.PASSWORD)).isEqualTo(429);
  }

  @Test
  void the_lock_is_shared_by_every_api_server_instance() {
    var account = api.register("BRAND");
    var second = TestApi.start(configure(TestApi.config()), clock, TestDatabase.get());
    try {
      for (int i = 0; i < 2; i++) {
        attempt(account.email(), "wrong on the first " + i);
        second
            .http()
            .post(
                "/auth/login",
                Map.of("email", account.email(), "password", "wrong on the second " + i));
      }

      assertThat(attempt(account.email(), TestApi.PASSWORD)).isEqualTo(429);
    } finally {
      second.close();
    }
  }

  @Test
  void a_successful_sign_in_resets_the_account_count() {
    var account = api.register("BRAND");
    attempt(account.email(), "wrong one");
    attempt(account.email(), "wrong two");
    assertThat(attempt(account.email(), TestApi.PASSWORD)).isEqualTo(200);

    attempt(account.email(), "wrong three");
    attempt(account.email(), "wrong four");

    assertThat(attempt(account.email(), TestApi.PASSWORD)).isEqualTo(200);
  }
}
