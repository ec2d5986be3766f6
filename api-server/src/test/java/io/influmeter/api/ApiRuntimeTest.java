package io.influmeter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.support.Http;
import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.embedded.junit.TestNames;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedServices.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ApiRuntimeTest {
  private static final byte[] KEY =
      "runtime test key, thirty-two bytes or more".getBytes(StandardCharsets.UTF_8);
  private static final byte[] STORE_KEY = new byte[32];

  @Test
  void the_local_stack_entry_point_migrates_an_empty_database_and_serves(
      EmbeddedPostgresServer postgres) {
    String database = TestNames.unique("runtime");
    postgres.createDatabase(database);

    try (var runtime =
        ApiRuntime.start(ApiConfig.localStack(postgres.jdbcUrl(database), 0, KEY, STORE_KEY))) {
      var http = new Http(runtime.port());

      assertThat(http.get("/health/ready").status()).isEqualTo(200);
      assertThat(http.get("/openapi.json").status()).isEqualTo(200);
    }
  }

  @Test
  void a_configured_bootstrap_admin_is_created_once_and_can_sign_in(
      EmbeddedPostgresServer postgres) {
    String database = TestNames.unique("bootstrap");
    postgres.createDatabase(database);
    ApiConfig local = ApiConfig.localStack(postgres.jdbcUrl(database), 0, KEY, STORE_KEY);
    var config =
        new ApiConfig(
            local.host(),
            0,
            local.databaseUrl(),
            true,
            local.jwtSigningKeys(),
            local.accessTokenTtl(),
            local.refreshTokenTtl(),
            Optional.empty(),
            Optional.empty(),
            local.corsAllowedOrigins(),
            local.maxRequestBytes(),
            local.rateLimits(),
            local.loginThrottle(),
            Optional.of(new ApiConfig.BootstrapAdmin("Ops@Example.test", "first admin passphrase")),
            local.integrations(),
            local.content());

    try (var first = ApiRuntime.start(config)) {
      var login =
          new Http(first.port())
              .post(
                  "/auth/login",
                  Map.of("email", "ops@example.test", "password", "first admin passphrase"));
      assertThat(login.status()).isEqualTo(200);
      assertThat(login.json().at("/user/role").asText()).isEqualTo("ADMIN");
    }
    try (var again = ApiRuntime.start(config)) {
      assertThat(
              again.server().auth().bootstrapAdmin("second@example.test", "a different passphrase"))
          .isFalse();
    }
  }
}
