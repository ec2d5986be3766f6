package io.influmeter.api;

import io.influmeter.api.content.ContentConfig;
import io.influmeter.api.notifications.NotificationConfig;
import io.influmeter.api.notifications.SmtpConfig;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
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
 * @param integrations where ingest is reachable, the store-secret key, the schema registry
 * @param notifications the e-mail worker, its retries and its SMTP server
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
    Integrations integrations,
    ContentConfig content,
    NotificationConfig notifications) {

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
   * A configuration without notification settings: the e-mail worker stays off, so queued e-mails
   * wait as PENDING rows (what embedders and tests that only look at the outbox want).
   */
  public ApiConfig(
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
      Integrations integrations,
      ContentConfig content) {
    this(
        host,
        port,
        databaseUrl,
        migrateOnStart,
        jwtSigningKeys,
        accessTokenTtl,
        refreshTokenTtl,
        google,
        facebook,
        corsAllowedOrigins,
        maxRequestBytes,
        rateLimits,
        loginThrottle,
        bootstrapAdmin,
        integrations,
        content,
        NotificationConfig.defaults().withWorkerEnabled(false));
  }

  /** This configuration with other notification settings. */
  public ApiConfig withNotifications(NotificationConfig settings) {
    return new ApiConfig(
        host,
        port,
        databaseUrl,
        migrateOnStart,
        jwtSigningKeys,
        accessTokenTtl,
        refreshTokenTtl,
        google,
        facebook,
        corsAllowedOrigins,
        maxRequestBytes,
        rateLimits,
        loginThrottle,
        bootstrapAdmin,
        integrations,
        content,
        settings);
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
        new Integrations(LOCAL_INGEST_PUBLIC_URL, storeSecretKey, null),
        localContent(jwtKey),
        // No SMTP server: the worker runs and writes every e-mail to the log.
        NotificationConfig.defaults());
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
    NotificationConfig notifications = notifications(reader);
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
        new Integrations(ingestUrl.toString(), storeKey, registryUrl),
        content,
        notifications);
  }

  private static NotificationConfig notifications(EnvReader reader) {
    boolean enabled = reader.bool("NOTIFY_WORKER_ENABLED", true);
    Duration poll =
        reader.duration("NOTIFY_POLL_INTERVAL", NotificationConfig.DEFAULT_POLL_INTERVAL);
    int batch =
        reader.integer("NOTIFY_BATCH_SIZE", NotificationConfig.DEFAULT_BATCH_SIZE, 1, 1_000);
    int attempts =
        reader.integer("NOTIFY_MAX_ATTEMPTS", NotificationConfig.DEFAULT_MAX_ATTEMPTS, 1, 100);
    Duration retryBase =
        reader.duration("NOTIFY_RETRY_BASE", NotificationConfig.DEFAULT_RETRY_BASE);
    Duration retryMax = reader.duration("NOTIFY_RETRY_MAX", NotificationConfig.DEFAULT_RETRY_MAX);
    int days =
        reader.integer(
            "NOTIFY_ENDING_SOON_DAYS", NotificationConfig.DEFAULT_ENDING_SOON_DAYS, 1, 365);
    Duration sweep =
        reader.duration("NOTIFY_SWEEP_INTERVAL", NotificationConfig.DEFAULT_SWEEP_INTERVAL);
    // Out-of-range numbers are already reported; the clamped values only keep the record valid
    // until failIfAnyProblem throws.
    var notifications =
        new NotificationConfig(
            enabled,
            poll,
            Math.max(1, batch),
            Math.max(1, attempts),
            retryBase,
            retryMax,
            Math.max(1, days),
            sweep,
            Optional.empty());
    if (notifications.retryMax().compareTo(notifications.retryBase()) < 0) {
      reader.bad("NOTIFY_RETRY_MAX", "must not be shorter than NOTIFY_RETRY_BASE");
    }
    String host = reader.optional("SMTP_HOST");
    int port = reader.integer("SMTP_PORT", SmtpConfig.DEFAULT_PORT, 1, 65535);
    String username = reader.optional("SMTP_USERNAME");
    String password = reader.optional("SMTP_PASSWORD");
    String from = reader.optional("SMTP_FROM");
    boolean startTls = reader.bool("SMTP_STARTTLS", true);
    Duration connectTimeout =
        reader.duration("SMTP_CONNECT_TIMEOUT", SmtpConfig.DEFAULT_CONNECT_TIMEOUT);
    Duration timeout = reader.duration("SMTP_TIMEOUT", SmtpConfig.DEFAULT_TIMEOUT);
    if (host == null) {
      if (username != null || password != null || from != null) {
        reader.bad("SMTP_HOST", "required when any other SMTP_ variable is set");
      }
      return notifications;
    }
    if (from == null) {
      reader.bad("SMTP_FROM", "required when SMTP_HOST is set");
    } else {
      try {
        new InternetAddress(from, true).validate();
      } catch (AddressException e) {
        reader.bad("SMTP_FROM", "not an e-mail address: " + from);
      }
    }
    if ((username == null) != (password == null)) {
      reader.bad("SMTP_USERNAME", "set both SMTP_USERNAME and SMTP_PASSWORD, or neither");
    }
    if (password != null && !startTls) {
      // The password would cross the network in clear text.
      reader.bad("SMTP_STARTTLS", "must be true when SMTP_PASSWORD is set");
    }
    return notifications.withSmtp(
        new SmtpConfig(
            host,
            port,
            Optional.ofNullable(username),
            Optional.ofNullable(password),
            from == null ? "" : from,
            startTls,
            connectTimeout,
            timeout));
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
        + ", notifications="
        + notifications
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
