package io.influmeter.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the api-server needs to know about its surroundings, parsed once from the environment
 * by {@link #fromEnvironment(Map)}. Nothing below {@code main} reads {@code System.getenv}.
 *
 * @param host interface to bind
 * @param port HTTP port (0 = any free port)
 * @param databaseUrl JDBC URL of the PostgreSQL database
 * @param migrateOnStart run the Flyway migrations before serving
 * @param jwtSigningKeys HMAC keys for access tokens, the first signs, all verify (rotation)
 * @param accessTokenTtl lifetime of an access token
 * @param refreshTokenTtl lifetime of a refresh token
 * @param google Google sign-in settings, empty when Google sign-in is off
 * @param facebook Facebook login settings, empty when Facebook login is off
 * @param corsAllowedOrigins origins allowed by CORS (empty: no CORS headers at all)
 * @param maxRequestBytes largest accepted request body
 * @param rateLimits token-bucket sizes per IP and per account
 * @param loginThrottle brute-force protection of the sign-in routes
 * @param bootstrapAdmin an admin account created at start when no admin exists, if set
 * @param integrations where ingest is reachable, the store-secret key, the schema registry
 */
public record ApiConfig(
    String host,
    int port,
    String databaseUrl,
    boolean migrateOnStart,
    List<byte[]> jwtSigningKeys,
    Duration accessTokenTtl,
    Duration refreshTokenTtl,
    Optional<GoogleConfig> google,
    Optional<FacebookConfig> facebook,
    List<String> corsAllowedOrigins,
    long maxRequestBytes,
    RateLimits rateLimits,
    LoginThrottleConfig loginThrottle,
    Optional<BootstrapAdmin> bootstrapAdmin,
    Integrations integrations) {

  /** HMAC-SHA256 wants a key at least as long as its output. */
  public static final int MIN_JWT_KEY_BYTES = 32;

  public static final String GOOGLE_CERTS_URL = "https://www.googleapis.com/oauth2/v1/certs";
  public static final List<String> GOOGLE_ISSUERS =
      List.of("https://accounts.google.com", "accounts.google.com");

  public ApiConfig {
    jwtSigningKeys = jwtSigningKeys.stream().map(byte[]::clone).toList();
    corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
    if (jwtSigningKeys.isEmpty()) {
      throw new IllegalArgumentException("at least one JWT signing key is required");
    }
  }

  /**
   * Google sign-in.
   *
   * @param clientIds accepted audiences (the OAuth client ids of our web and mobile apps)
   * @param certsUrl where Google publishes its signing certificates (overridable for tests)
   * @param issuers accepted {@code iss} values
   */
  public record GoogleConfig(List<String> clientIds, URI certsUrl, List<String> issuers) {
    public GoogleConfig {
      clientIds = List.copyOf(clientIds);
      issuers = List.copyOf(issuers);
    }
  }

  /**
   * Facebook Login (OAuth2 code flow).
   *
   * @param appId the Facebook app id
   * @param appSecret the app secret (never logged)
   * @param graphUrl Graph API base, with version (overridable for tests)
   */
  public record FacebookConfig(String appId, String appSecret, String graphUrl) {
    @Override
    public String toString() {
      return "FacebookConfig[appId=" + appId + ", appSecret=<redacted>, graphUrl=" + graphUrl + "]";
    }
  }

  public static final String FACEBOOK_GRAPH_URL = "https://graph.facebook.com/v19.0";

  /** Where the local stack's ingest answers (its default port). */
  public static final String LOCAL_INGEST_PUBLIC_URL = "http://127.0.0.1:8080";

  /**
   * What the referral-link and store features need from the rest of the system.
   *
   * @param ingestPublicUrl public base URL of ingest; store webhook URLs are built from it
   * @param storeSecretKey 32-byte AES key sealing store signing secrets (ingest holds the same)
   * @param schemaRegistryUrl Confluent-compatible registry for the outbox's records, or null for
   *     the built-in registry's deterministic ids (what ingest and the jobs use without one)
   */
  public record Integrations(
      String ingestPublicUrl, byte[] storeSecretKey, String schemaRegistryUrl) {
    public Integrations {
      ingestPublicUrl = ingestPublicUrl.replaceAll("/+$", "");
      storeSecretKey = storeSecretKey.clone();
      if (storeSecretKey.length != STORE_SECRET_KEY_BYTES) {
        throw new IllegalArgumentException(
            "the store secret key must be " + STORE_SECRET_KEY_BYTES + " bytes");
      }
    }

    @Override
    public byte[] storeSecretKey() {
      return storeSecretKey.clone();
    }

    @Override
    public String toString() {
      return "Integrations[ingestPublicUrl="
          + ingestPublicUrl
          + ", storeSecretKey=<redacted>, schemaRegistryUrl="
          + (schemaRegistryUrl == null ? "built-in" : schemaRegistryUrl)
          + "]";
    }
  }

  /** AES-256. */
  public static final int STORE_SECRET_KEY_BYTES = 32;

  /** Token buckets: capacity is the burst, refill per second the sustained rate. */
  public record RateLimits(
      double ipCapacity,
      double ipRefillPerSecond,
      double accountCapacity,
      double accountRefillPerSecond) {}

  /**
   * After {@code freeFailures} failed sign-ins for one email (or {@code ipFreeFailures} from one
   * IP) the key is locked for {@code baseLock}, doubling with every further failure up to {@code
   * maxLock}.
   */
  public record LoginThrottleConfig(
      int freeFailures, int ipFreeFailures, Duration baseLock, Duration maxLock) {}

  /** The first admin account, so a fresh deployment can be administered at all. */
  public record BootstrapAdmin(String email, String password) {
    @Override
    public String toString() {
      return "BootstrapAdmin[email=" + email + ", password=<redacted>]";
    }
  }

  /** Defaults suited to production; the local stack and tests override what they need. */
  public static RateLimits defaultRateLimits() {
    return new RateLimits(120, 20, 60, 10);
  }

  public static LoginThrottleConfig defaultLoginThrottle() {
    return new LoginThrottleConfig(5, 50, Duration.ofSeconds(30), Duration.ofMinutes(15));
  }

  /**
   * The configuration the local stack runs with: its database, a per-data-directory JWT key the
   * stack generated and kept (as is the store-secret key), Google sign-in off unless a client id is
   * given.
   */
  public static ApiConfig localStack(
      String databaseUrl, int port, byte[] jwtKey, byte[] storeSecretKey) {
    return new ApiConfig(
        "127.0.0.1",
        port,
        databaseUrl,
        true,
        List.of(jwtKey),
        Duration.ofMinutes(15),
        Duration.ofDays(30),
        Optional.empty(),
        Optional.empty(),
        List.of("http://localhost:3000", "http://127.0.0.1:3000"),
        1_000_000,
        defaultRateLimits(),
        defaultLoginThrottle(),
        Optional.empty(),
        new Integrations(LOCAL_INGEST_PUBLIC_URL, storeSecretKey, null));
  }

  /**
   * Parses the configuration, failing with one {@link ConfigException} that names every missing or
   * bad variable.
   */
  public static ApiConfig fromEnvironment(Map<String, String> env) {
    var reader = new EnvReader(env);
    String host = reader.string("API_HOST", "0.0.0.0");
    int port = reader.integer("API_PORT", 8080, 0, 65535);
    String databaseUrl = reader.required("DATABASE_URL");
    if (databaseUrl != null && !databaseUrl.startsWith("jdbc:postgresql:")) {
      reader.bad("DATABASE_URL", "must be a jdbc:postgresql: URL");
    }
    boolean migrate = reader.bool("DATABASE_MIGRATE", true);
    List<byte[]> keys = new ArrayList<>();
    String primary = reader.required("JWT_SECRET");
    if (primary != null) {
      keys.add(primary.getBytes(StandardCharsets.UTF_8));
    }
    for (String previous : reader.list("JWT_PREVIOUS_SECRETS")) {
      keys.add(previous.getBytes(StandardCharsets.UTF_8));
    }
    for (byte[] key : keys) {
      if (key.length < MIN_JWT_KEY_BYTES) {
        reader.bad(
            "JWT_SECRET", "every JWT key must be at least " + MIN_JWT_KEY_BYTES + " bytes long");
        break;
      }
    }
    Duration accessTtl = reader.duration("ACCESS_TOKEN_TTL", Duration.ofMinutes(15));
    Duration refreshTtl = reader.duration("REFRESH_TOKEN_TTL", Duration.ofDays(30));
    Optional<GoogleConfig> google = Optional.empty();
    List<String> clientIds = reader.list("GOOGLE_CLIENT_ID");
    if (!clientIds.isEmpty()) {
      URI certs = reader.uri("GOOGLE_CERTS_URL", GOOGLE_CERTS_URL);
      List<String> issuers = reader.list("GOOGLE_ISSUERS");
      google =
          Optional.of(
              new GoogleConfig(clientIds, certs, issuers.isEmpty() ? GOOGLE_ISSUERS : issuers));
    }
    Optional<FacebookConfig> facebook = Optional.empty();
    String appId = reader.optional("FACEBOOK_APP_ID");
    String appSecret = reader.optional("FACEBOOK_APP_SECRET");
    if ((appId == null) != (appSecret == null)) {
      reader.bad("FACEBOOK_APP_ID", "set both FACEBOOK_APP_ID and FACEBOOK_APP_SECRET, or neither");
    } else if (appId != null) {
      URI graph = reader.uri("FACEBOOK_GRAPH_URL", FACEBOOK_GRAPH_URL);
      facebook =
          Optional.of(new FacebookConfig(appId, appSecret, graph.toString().replaceAll("/+$", "")));
    }
    List<String> cors = reader.list("CORS_ALLOWED_ORIGINS");
    for (String origin : cors) {
      if (!origin.matches("https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?")) {
        reader.bad("CORS_ALLOWED_ORIGINS", "not an origin (scheme://host[:port]): " + origin);
      }
    }
    long maxBytes = reader.integer("API_MAX_REQUEST_BYTES", 1_000_000, 1_024, 100_000_000);
    var defaults = defaultRateLimits();
    var limits =
        new RateLimits(
            reader.integer("RATE_LIMIT_IP_BURST", (int) defaults.ipCapacity(), 1, 1_000_000),
            reader.integer(
                "RATE_LIMIT_IP_PER_SECOND", (int) defaults.ipRefillPerSecond(), 1, 1_000_000),
            reader.integer(
                "RATE_LIMIT_ACCOUNT_BURST", (int) defaults.accountCapacity(), 1, 1_000_000),
            reader.integer(
                "RATE_LIMIT_ACCOUNT_PER_SECOND",
                (int) defaults.accountRefillPerSecond(),
                1,
                1_000_000));
    Optional<BootstrapAdmin> admin = Optional.empty();
    String adminEmail = reader.optional("BOOTSTRAP_ADMIN_EMAIL");
    String adminPassword = reader.optional("BOOTSTRAP_ADMIN_PASSWORD");
    if ((adminEmail == null) != (adminPassword == null)) {
      reader.bad(
          "BOOTSTRAP_ADMIN_EMAIL",
          "set both BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD, or neither");
    } else if (adminEmail != null) {
      admin = Optional.of(new BootstrapAdmin(adminEmail, adminPassword));
    }
    URI ingestUrl = reader.uri("INGEST_PUBLIC_URL", LOCAL_INGEST_PUBLIC_URL);
    byte[] storeKey = new byte[0];
    String storeKeyText = reader.required("STORE_SECRET_KEY");
    if (storeKeyText != null) {
      try {
        storeKey = java.util.Base64.getDecoder().decode(storeKeyText.trim());
      } catch (IllegalArgumentException e) {
        reader.bad("STORE_SECRET_KEY", "must be base64");
      }
      if (storeKey.length != STORE_SECRET_KEY_BYTES) {
        reader.bad(
            "STORE_SECRET_KEY", "must be base64 of exactly " + STORE_SECRET_KEY_BYTES + " bytes");
      }
    }
    String registryUrl = reader.optional("SCHEMA_REGISTRY_URL");
    reader.failIfAnyProblem();
    return new ApiConfig(
        host,
        port,
        databaseUrl,
        migrate,
        keys,
        accessTtl,
        refreshTtl,
        google,
        facebook,
        cors,
        maxBytes,
        limits,
        defaultLoginThrottle(),
        admin,
        new Integrations(ingestUrl.toString(), storeKey, registryUrl));
  }

  @Override
  public String toString() {
    // Secrets never reach a log line.
    return "ApiConfig[host="
        + host
        + ", port="
        + port
        + ", databaseUrl="
        + databaseUrl.replaceAll("password=[^&]*", "password=<redacted>")
        + ", jwtSigningKeys=<"
        + jwtSigningKeys.size()
        + " redacted>, google="
        + google
        + ", corsAllowedOrigins="
        + corsAllowedOrigins
        + ", integrations="
        + integrations
        + "]";
  }

  /** Thrown with every problem of the environment at once. */
  public static final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigException(List<String> problems) {
      super("invalid api-server configuration:\n  " + String.join("\n  ", problems));
    }
  }
}
