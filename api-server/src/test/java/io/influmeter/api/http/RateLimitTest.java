package io.influmeter.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.ApiConfig;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RateLimitTest extends ApiTest {

  @Override
  protected ApiConfig configure(ApiConfig config) {
    // Per IP: a burst of 6, then one every 10 s. Per account: a burst of 3, one per 10 s.
    return TestApi.withRateLimits(config, new ApiConfig.RateLimits(6, 0.1, 3, 0.1));
  }

  @Test
  void a_client_over_its_ip_budget_gets_429_with_retry_after_until_the_bucket_refills() {
    for (int i = 0; i < 6; i++) {
      assertThat(http.get("/openapi.json").status()).isEqualTo(200);
    }

    var limited = http.get("/openapi.json");

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().get("type").asText()).isEqualTo("/problems/rate-limited");
    assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 10);
    clock.advance(Duration.ofSeconds(10));
    assertThat(http.get("/openapi.json").status()).isEqualTo(200);
  }

  @Test
  void health_and_metrics_are_never_rate_limited() {
    for (int i = 0; i < 20; i++) {
      assertThat(http.get("/health/live").status()).isEqualTo(200);
    }
  }

  @Test
  void an_account_over_its_budget_is_limited_and_the_budget_is_shared_by_all_instances() {
    var account = api.register("BRAND");
    var second = TestApi.start(configure(TestApi.config()), clock, TestDatabase.get());
    try {
      assertThat(http.get("/users/me", account.accessToken()).status()).isEqualTo(200);
      assertThat(second.http().get("/users/me", account.accessToken()).status()).isEqualTo(200);
      assertThat(http.get("/users/me", account.accessToken()).status()).isEqualTo(200);

      var limited = second.http().get("/users/me", account.accessToken());

      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.header("Retry-After")).isNotNull();
    } finally {
      second.close();
    }
  }
}
