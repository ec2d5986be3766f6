package io.influmeter.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.api.ApiConfig;
import io.influmeter.api.ApiServer;
import io.influmeter.api.content.ContentConfig;
import io.influmeter.api.http.Json;
import io.influmeter.api.notifications.NotificationRuntime;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** A started api-server on a free port over the shared test database, plus account helpers. */
public final class TestApi implements AutoCloseable {
  public static final byte[] SIGNING_KEY =
      "test-only signing key, 32+ bytes long, not a secret".getBytes(StandardCharsets.UTF_8);
  public static final String PASSWORD = "correct horse battery staple";
  public static final String ALLOWED_ORIGIN = "https://app.example.test";
  public static final String INGEST_PUBLIC_URL = "https://in.example.test";

  /** Test-only AES key for store secrets (the ingest tests open with their own). */
  public static final byte[] STORE_SECRET_KEY =
      "test-only store key of 32 bytes!".getBytes(StandardCharsets.UTF_8);

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final ApiServer server;
  private final NotificationRuntime notifications;
  private final Http http;

  private TestApi(ApiServer server, NotificationRuntime notifications) {
    this.server = server;
    this.notifications = notifications;
    this.http = new Http(server.port());
  }

  /** Limits high enough that only the tests about limits ever meet them. */
  public static ApiConfig config() {
    return new ApiConfig(
        "127.0.0.1",
        0,
        "jdbc:postgresql://unused",
        false,
        List.of(SIGNING_KEY),
        Duration.ofMinutes(15),
        Duration.ofDays(30),
        Optional.empty(),
        Optional.empty(),
        List.of(ALLOWED_ORIGIN),
        64 * 1024,
        new ApiConfig.RateLimits(100_000, 100_000, 100_000, 100_000),
        new ApiConfig.LoginThrottleConfig(5, 1_000, Duration.ofSeconds(30), Duration.ofMinutes(15)),
        Optional.empty(),
        new ApiConfig.Integrations(INGEST_PUBLIC_URL, STORE_SECRET_KEY, null),
        contentConfig());
  }

  public static final byte[] CONTENT_URL_KEY =
      "test-only content URL key, 32+ bytes long, not secret".getBytes(StandardCharsets.UTF_8);

  /** Content in a fresh temporary directory per server, with small caps tests can reach. */
  public static ContentConfig contentConfig() {
    try {
      java.nio.file.Path base = java.nio.file.Files.createTempDirectory("influmeter-content-test");
      return new ContentConfig(
          base.resolve("files"),
          Optional.empty(),
          base.resolve("uploads"),
          CONTENT_URL_KEY,
          Duration.ofMinutes(5),
          200_000,
          400_000,
          4_096);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static ApiConfig withContent(ApiConfig c, ContentConfig content) {
    return copy(
        c,
        c.jwtSigningKeys(),
        c.google(),
        c.facebook(),
        c.rateLimits(),
        c.loginThrottle(),
        content);
  }

  public static ApiConfig withRateLimits(ApiConfig c, ApiConfig.RateLimits limits) {
    return copy(
        c, c.jwtSigningKeys(), c.google(), c.facebook(), limits, c.loginThrottle(), c.content());
  }

  public static ApiConfig withLoginThrottle(ApiConfig c, ApiConfig.LoginThrottleConfig throttle) {
    return copy(
        c, c.jwtSigningKeys(), c.google(), c.facebook(), c.rateLimits(), throttle, c.content());
  }

  public static ApiConfig withGoogle(ApiConfig c, ApiConfig.GoogleConfig google) {
    return copy(
        c,
        c.jwtSigningKeys(),
        Optional.of(google),
        c.facebook(),
        c.rateLimits(),
        c.loginThrottle(),
        c.content());
  }

  public static ApiConfig withFacebook(ApiConfig c, ApiConfig.FacebookConfig facebook) {
    return copy(
        c,
        c.jwtSigningKeys(),
        c.google(),
        Optional.of(facebook),
        c.rateLimits(),
        c.loginThrottle(),
        c.content());
  }

  public static ApiConfig withSigningKeys(ApiConfig c, List<byte[]> keys) {
    return copy(c, keys, c.google(), c.facebook(), c.rateLimits(), c.loginThrottle(), c.content());
  }

  /**
   * {@code c} with the settings tests vary replaced; every other setting (notifications included)
   * is carried over, so the withers compose in any order.
   */
  private static ApiConfig copy(
      ApiConfig c,
      List<byte[]> keys,
      Optional<ApiConfig.GoogleConfig> google,
      Optional<ApiConfig.FacebookConfig> facebook,
      ApiConfig.RateLimits limits,
      ApiConfig.LoginThrottleConfig throttle,
      ContentConfig content) {
    return new ApiConfig(
        c.host(),
        c.port(),
        c.databaseUrl(),
        c.migrateOnStart(),
        keys,
        c.accessTokenTtl(),
        c.refreshTokenTtl(),
        google,
        facebook,
        c.corsAllowedOrigins(),
        c.maxRequestBytes(),
        limits,
        throttle,
        c.bootstrapAdmin(),
        c.integrations(),
        content,
        c.notifications());
  }

  public static TestApi start(ApiConfig config, Clock clock) {
    return start(config, clock, TestDatabase.get());
  }

  public static TestApi start(ApiConfig config, Clock clock, TestDatabase database) {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var server = ApiServer.create(config, database.dsl(), clock, registry).start();
    // Off unless the config turns it on (Mailbox.configure does): most tests read queued e-mails
    // as PENDING rows.
    var notifications =
        NotificationRuntime.start(
            config.notifications(), database.dsl(), clock, Json.mapper(), registry);
    return new TestApi(server, notifications);
  }

  public Http http() {
    return http;
  }

  public ApiServer server() {
    return server;
  }

  /** A signed-in account. */
  public record Account(
      UUID id, String email, String role, String accessToken, String refreshToken) {}

  public static String uniqueEmail(String prefix) {
    return prefix + "-" + COUNTER.incrementAndGet() + "@example.test";
  }

  public Account register(String role) {
    String email = uniqueEmail(role.toLowerCase(java.util.Locale.ROOT));
    String name = "Test " + COUNTER.incrementAndGet();
    Map<String, Object> body =
        role.equals("BRAND")
            ? Map.of(
                "email",
                email,
                "password",
                PASSWORD,
                "role",
                role,
                "displayName",
                name,
                "organisationName",
                "Org " + name)
            : Map.of("email", email, "password", PASSWORD, "role", role, "displayName", name);
    Http.Response response = http.post("/auth/register", body);
    if (response.status() != 201) {
      throw new AssertionError("register failed: " + response.status() + " " + response.body());
    }
    return account(response.json());
  }

  /** Creates an admin the way a deployment does (bootstrap), then signs in. */
  public Account admin() {
    String email = uniqueEmail("admin");
    server.auth().bootstrapAdmin(email, PASSWORD);
    return login(email);
  }

  public Account login(String email) {
    Http.Response response = http.post("/auth/login", Map.of("email", email, "password", PASSWORD));
    if (response.status() != 200) {
      throw new AssertionError("login failed: " + response.status() + " " + response.body());
    }
    return account(response.json());
  }

  public static Account account(JsonNode tokens) {
    JsonNode user = tokens.get("user");
    return new Account(
        UUID.fromString(user.get("id").asText()),
        user.get("email").asText(),
        user.get("role").asText(),
        tokens.get("accessToken").asText(),
        tokens.get("refreshToken").asText());
  }

  @Override
  public void close() {
    notifications.close();
    server.stop();
  }
}
