package io.influmeter.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.influmeter.api.ApiServer;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.Http;
import io.influmeter.api.support.TestApi;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HttpBehaviourTest extends ApiTest {

  @Test
  void an_unknown_route_is_a_problem_json_404() {
    var response = http.get("/no/such/thing");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asText()).isEqualTo("/problems/not-found");
    assertThat(response.json().get("status").asInt()).isEqualTo(404);
  }

  @Test
  void malformed_json_and_unknown_fields_are_400s_that_name_the_problem() {
    var account = api.register("INFLUENCER");

    var broken = http.patch("/users/me", account.accessToken(), "{\"displayName\": ");
    var unknown = http.patch("/users/me", account.accessToken(), Map.of("isAdmin", true));
    var wrongType = http.patch("/users/me", account.accessToken(), Map.of("displayName", Map.of()));

    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.contentType()).startsWith("application/problem+json");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/errors/0/field").asText()).isEqualTo("isAdmin");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().at("/errors/0/field").asText()).isEqualTo("displayName");
  }

  @Test
  void a_body_over_the_size_limit_is_refused_with_413() {
    var response =
        http.post(
            "/auth/login", Map.of("email", "big@example.test", "password", "p".repeat(100 * 1024)));

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.contentType()).startsWith("application/problem+json");
  }

  @Test
  void responses_carry_the_security_headers() {
    var response = http.get("/health/live");

    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    assertThat(http.get("/nope").header("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void cors_answers_only_origins_on_the_allow_list() {
    var allowed =
        http.send("GET", "/health/live", null, null, Map.of("Origin", TestApi.ALLOWED_ORIGIN));
    var other =
        http.send("GET", "/health/live", null, null, Map.of("Origin", "https://evil.example.test"));
    var preflight =
        http.send(
            "OPTIONS",
            "/users/me",
            null,
            null,
            Map.of(
                "Origin", TestApi.ALLOWED_ORIGIN,
                "Access-Control-Request-Method", "PATCH",
                "Access-Control-Request-Headers", "authorization,content-type"));

    assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(TestApi.ALLOWED_ORIGIN);
    assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(TestApi.ALLOWED_ORIGIN);
  }

  @Test
  void readiness_reports_the_database_and_liveness_does_not_need_it() {
    assertThat(http.get("/health/ready").status()).isEqualTo(200);
    assertThat(http.get("/health/live").json().get("status").asText()).isEqualTo("UP");
  }

  @Test
  void a_server_error_says_nothing_about_its_cause() {
    var account = api.register("BRAND");
    var config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=1");
    config.setInitializationFailTimeout(-1);
    config.setConnectionTimeout(500);
    try (var broken = new HikariDataSource(config)) {
      var server =
          ApiServer.create(
                  TestApi.config(),
                  DSL.using(broken, SQLDialect.POSTGRES),
                  clock,
                  new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
              .start();
      try {
        var client = new Http(server.port());
        var error = client.get("/users/me", account.accessToken());
        var notReady = client.get("/health/ready");

        assertThat(error.status()).isEqualTo(500);
        assertThat(error.json().get("type").asText()).isEqualTo("/problems/internal");
        assertThat(error.body())
            .doesNotContainIgnoringCase("connect")
            .doesNotContain("jdbc")
            .doesNotContain("Exception");
        assertThat(notReady.status()).isEqualTo(503);
      } finally {
        server.stop();
      }
    }
  }

  @Test
  void metrics_count_requests_by_route_template_and_status() {
    var account = api.register("INFLUENCER");
    http.get("/users/" + account.id(), account.accessToken());
    http.get("/users/" + java.util.UUID.randomUUID(), account.accessToken());

    String metrics = http.get("/metrics").body();

    assertThat(metrics)
        .contains("http_server_requests_seconds_bucket")
        .contains("route=\"/users/{id}\"")
        .contains("status=\"404\"")
        .doesNotContain(account.id().toString());
  }
}
