package io.influmeter.api;

import io.influmeter.api.content.ContentConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
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
 * @param content where uploaded content is stored, its size caps and download URL key
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
    ContentConfig content) {

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
   * stack generated and kept, Google sign-in off unless a client id is given.
   */
  public static ApiConfig localStack(String databaseUrl, int port, byte[] jwtKey) {
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
        localContent(jwtKey));
  }

  /**
   * Local stack content: files under the JVM's temporary directory (which the stack points into its
   * data directory), download URLs signed with a key derived from the stack's JWT key (HMAC with a
   * fixed label, so the two keys are independent in use but the stack keeps one secret).
   */
  private static ContentConfig localContent(byte[] jwtKey) {
    Path base = Path.of(System.getProperty("java.io.tmpdir"), "influmeter-content");
    return new ContentConfig(
        base.resolve("files"),
        Optional.empty(),
        base.resolve("uploads"),
        deriveKey(jwtKey, "influmeter content download urls"),
        ContentConfig.DEFAULT_URL_TTL,
        ContentConfig.DEFAULT_MAX_IMAGE_BYTES,
        ContentConfig.DEFAULT_MAX_VIDEO_BYTES,
        ContentConfig.DEFAULT_MAX_IMAGE_DIMENSION);
  }

  private static byte[] deriveKey(byte[] key, String label) {
    try {
      var mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static ContentConfig contentFromEnvironment(EnvReader reader) {
    Path storageDir = Path.of(reader.string("CONTENT_STORAGE_DIR", "content-files"));
    Path uploadDir =
        Path.of(
            reader.string(
                "CONTENT_UPLOAD_TEMP_DIR",
                storageDir.resolveSibling("content-uploads").toString()));
    String urlKey = reader.required("CONTENT_URL_KEY");
    byte[] key = urlKey == null ? new byte[0] : urlKey.getBytes(StandardCharsets.UTF_8);
    if (urlKey != null && key.length < ContentConfig.MIN_URL_KEY_BYTES) {
      reader.bad(
          "CONTENT_URL_KEY", "must be at least " + ContentConfig.MIN_URL_KEY_BYTES + " bytes long");
    }
    var ttl = reader.duration("CONTENT_URL_TTL", ContentConfig.DEFAULT_URL_TTL);
    int maxImage =
        reader.integer(
            "CONTENT_MAX_IMAGE_BYTES",
            (int) ContentConfig.DEFAULT_MAX_IMAGE_BYTES,
            1_024,
            Integer.MAX_VALUE);
    int maxVideo =
        reader.integer(
            "CONTENT_MAX_VIDEO_BYTES",
            (int) ContentConfig.DEFAULT_MAX_VIDEO_BYTES,
            1_024,
            Integer.MAX_VALUE);
    int maxDimension =
        reader.integer(
            "CONTENT_MAX_IMAGE_DIMENSION", ContentConfig.DEFAULT_MAX_IMAGE_DIMENSION, 1, 65_535);
    Optional<ContentConfig.S3Config> s3 = Optional.empty();
    String bucket = reader.optional("CONTENT_S3_BUCKET");
    if (bucket != null) {
      URI endpoint = reader.uri("CONTENT_S3_ENDPOINT", "https://s3.amazonaws.com");
      String region = reader.string("CONTENT_S3_REGION", "us-east-1");
      String accessKey = reader.required("CONTENT_S3_ACCESS_KEY_ID");
      String secret = reader.required("CONTENT_S3_SECRET_ACCESS_KEY");
      s3 = Optional.of(new ContentConfig.S3Config(endpoint, region, bucket, accessKey, secret));
    }
    if (key.length < ContentConfig.MIN_URL_KEY_BYTES) {
      return null; // reported above; failIfAnyProblem throws before this is used
    }
    return new ContentConfig(storageDir, s3, uploadDir, key, ttl, maxImage, maxVideo, maxDimension);
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
    ContentConfig content = contentFromEnvironment(reader);
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
        content);
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
        + ", content="
        + content
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
