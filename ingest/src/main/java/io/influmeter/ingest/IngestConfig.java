package io.influmeter.ingest;

import io.influmeter.schemas.ClickIdKeys;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.secrets.SecretBox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything the ingest deployable is configured with, parsed once in {@code main} from the
 * environment ({@link #fromEnvironment}); nothing below {@code main} reads the environment. Secrets
 * have no default outside the local stack ({@link #builder()} is for the local stack and tests) and
 * {@link #toString()} never prints them.
 */
public record IngestConfig(
    String host,
    int port,
    String kafkaBootstrapServers,
    String schemaRegistryUrl,
    String databaseUrl,
    String clientId,
    Path spoolDirectory,
    long spoolMaxBytes,
    long spoolSegmentBytes,
    Duration clickAckBudget,
    Duration webhookAckBudget,
    Duration redirectMaxWait,
    String visitorHashSecret,
    String customerHashSecret,
    String clickIdSecrets,
    String countryHeader,
    String clientIpHeader,
    int webhookMaxBytes,
    Duration storeCacheTtl,
    int maxThreads,
    String clicksTopic,
    String conversionsTopic,
    String conversionsDeadLetterTopic,
    String linksTopic,
    String storeSecretKey) {

  public IngestConfig {
    Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
    Objects.requireNonNull(spoolDirectory, "spoolDirectory");
    Objects.requireNonNull(visitorHashSecret, "visitorHashSecret");
    Objects.requireNonNull(customerHashSecret, "customerHashSecret");
    Objects.requireNonNull(clickIdSecrets, "clickIdSecrets");
  }

  /**
   * Parses the environment, failing with one message that names every missing or bad variable.
   *
   * @throws IllegalArgumentException listing every problem
   */
  public static IngestConfig fromEnvironment(Map<String, String> env) {
    EnvironmentReader reader = new EnvironmentReader(env);
    Builder builder = builder();
    builder.host = reader.text("INGEST_HOST", builder.host);
    builder.port = reader.integer("INGEST_PORT", builder.port, 0, 65_535);
    builder.kafkaBootstrapServers = reader.required("KAFKA_BOOTSTRAP_SERVERS");
    builder.schemaRegistryUrl = reader.text("SCHEMA_REGISTRY_URL", null);
    builder.databaseUrl = reader.text("DATABASE_URL", null);
    builder.clientId = reader.text("INGEST_CLIENT_ID", builder.clientId);
    builder.spoolDirectory = Path.of(reader.required("INGEST_SPOOL_DIR"));
    builder.spoolMaxBytes = reader.bytes("INGEST_SPOOL_MAX_BYTES", builder.spoolMaxBytes);
    builder.spoolSegmentBytes =
        reader.bytes("INGEST_SPOOL_SEGMENT_BYTES", builder.spoolSegmentBytes);
    builder.clickAckBudget = reader.millis("INGEST_CLICK_ACK_BUDGET_MS", builder.clickAckBudget);
    builder.webhookAckBudget =
        reader.millis("INGEST_WEBHOOK_ACK_BUDGET_MS", builder.webhookAckBudget);
    builder.redirectMaxWait = reader.millis("INGEST_REDIRECT_MAX_WAIT_MS", builder.redirectMaxWait);
    builder.visitorHashSecret = reader.secret("INGEST_VISITOR_HASH_SECRET");
    builder.customerHashSecret = reader.secret("INGEST_CUSTOMER_HASH_SECRET");
    builder.clickIdSecrets = reader.clickIdSecrets("CLICK_ID_SECRETS");
    builder.countryHeader = reader.text("INGEST_COUNTRY_HEADER", null);
    builder.clientIpHeader = reader.text("INGEST_CLIENT_IP_HEADER", null);
    builder.webhookMaxBytes =
        reader.integer("INGEST_WEBHOOK_MAX_BYTES", builder.webhookMaxBytes, 1024, 64 << 20);
    builder.storeCacheTtl = reader.millis("INGEST_STORE_CACHE_TTL_MS", builder.storeCacheTtl);
    builder.maxThreads = reader.integer("INGEST_MAX_THREADS", builder.maxThreads, 4, 1024);
    // Topic names come from the catalog; overrides serve prefixed deployments and tests.
    builder.clicksTopic = reader.text("INGEST_CLICKS_TOPIC", builder.clicksTopic);
    builder.conversionsTopic = reader.text("INGEST_CONVERSIONS_TOPIC", builder.conversionsTopic);
    builder.conversionsDeadLetterTopic =
        reader.text("INGEST_CONVERSIONS_DLQ_TOPIC", builder.conversionsDeadLetterTopic);
    builder.linksTopic = reader.text("INGEST_LINKS_TOPIC", builder.linksTopic);
    // Opens the store secrets the api-server sealed; only needed with the stores table.
    builder.storeSecretKey =
        builder.databaseUrl == null ? null : reader.storeSecretKey("STORE_SECRET_KEY");
    reader.failIfInvalid();
    return builder.build();
  }

  /** Defaults of the local stack (no secrets: set them); override what differs. */
  public static Builder builder() {
    return new Builder();
  }

  /** The click id keys (the first signs, all verify). */
  public ClickIdKeys clickIdKeys() {
    return ClickIdKeys.parse(clickIdSecrets);
  }

  /**
   * Opens the sealed secrets of the {@code stores} table (the api-server seals them with the same
   * key).
   *
   * @throws IllegalStateException when no key is configured
   */
  public SecretBox storeSecrets() {
    if (storeSecretKey == null) {
      throw new IllegalStateException("STORE_SECRET_KEY is not set");
    }
    return SecretBox.fromBase64Key(storeSecretKey);
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.host = host;
    builder.port = port;
    builder.kafkaBootstrapServers = kafkaBootstrapServers;
    builder.schemaRegistryUrl = schemaRegistryUrl;
    builder.databaseUrl = databaseUrl;
    builder.clientId = clientId;
    builder.spoolDirectory = spoolDirectory;
    builder.spoolMaxBytes = spoolMaxBytes;
    builder.spoolSegmentBytes = spoolSegmentBytes;
    builder.clickAckBudget = clickAckBudget;
    builder.webhookAckBudget = webhookAckBudget;
    builder.redirectMaxWait = redirectMaxWait;
    builder.visitorHashSecret = visitorHashSecret;
    builder.customerHashSecret = customerHashSecret;
    builder.clickIdSecrets = clickIdSecrets;
    builder.countryHeader = countryHeader;
    builder.clientIpHeader = clientIpHeader;
    builder.webhookMaxBytes = webhookMaxBytes;
    builder.storeCacheTtl = storeCacheTtl;
    builder.maxThreads = maxThreads;
    builder.clicksTopic = clicksTopic;
    builder.conversionsTopic = conversionsTopic;
    builder.conversionsDeadLetterTopic = conversionsDeadLetterTopic;
    builder.linksTopic = linksTopic;
    builder.storeSecretKey = storeSecretKey;
    return builder;
  }

  @Override
  public String toString() {
    return "IngestConfig[host="
        + host
        + ", port="
        + port
        + ", kafka="
        + kafkaBootstrapServers
        + ", schemaRegistry="
        + (schemaRegistryUrl == null ? "built-in" : schemaRegistryUrl)
        + ", database="
        + (databaseUrl == null ? "none" : "set")
        + ", spool="
        + spoolDirectory
        + ", clickAckBudget="
        + clickAckBudget
        + ", secrets=<hidden>]";
  }

  /**
   * Mutable holder of a config's values; {@link #build()} validates. Defaults suit the local stack,
   * except the secrets, which have none: the caller (environment, local stack, test) supplies them.
   */
  public static final class Builder {
    public String host = "0.0.0.0";
    public int port = 8090;
    public String kafkaBootstrapServers = "127.0.0.1:9092";
    public String schemaRegistryUrl;
    public String databaseUrl;
    public String clientId = "ingest";
    public Path spoolDirectory = Path.of("ingest-spool");
    public long spoolMaxBytes = 1L << 30;
    public long spoolSegmentBytes = 64L << 20;
    public Duration clickAckBudget = Duration.ofMillis(20);
    public Duration webhookAckBudget = Duration.ofMillis(2_000);
    public Duration redirectMaxWait = Duration.ofSeconds(1);
    public String visitorHashSecret;
    public String customerHashSecret;
    public String clickIdSecrets;
    public String countryHeader;
    public String clientIpHeader;
    public int webhookMaxBytes = 1 << 20;
    public Duration storeCacheTtl = Duration.ofSeconds(5);
    public int maxThreads = 32;
    public String clicksTopic = Topics.CLICKS.name();
    public String conversionsTopic = Topics.CONVERSIONS.name();
    public String conversionsDeadLetterTopic = Topics.CONVERSIONS_DLQ.name();
    public String linksTopic = Topics.REFERRAL_LINKS.name();
    public String storeSecretKey;

    private Builder() {}

    public Builder with(Function<Builder, Builder> change) {
      return change.apply(this);
    }

    public IngestConfig build() {
      return new IngestConfig(
          host,
          port,
          kafkaBootstrapServers,
          schemaRegistryUrl,
          databaseUrl,
          clientId,
          spoolDirectory,
          spoolMaxBytes,
          spoolSegmentBytes,
          clickAckBudget,
          webhookAckBudget,
          redirectMaxWait,
          visitorHashSecret,
          customerHashSecret,
          clickIdSecrets,
          countryHeader,
          clientIpHeader,
          webhookMaxBytes,
          storeCacheTtl,
          maxThreads,
          clicksTopic,
          conversionsTopic,
          conversionsDeadLetterTopic,
          linksTopic,
          storeSecretKey);
    }
  }

  /** Reads variables and collects every problem before failing once. */
  private static final class EnvironmentReader {
    private static final int MIN_SECRET_CHARS = 32;
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    EnvironmentReader(Map<String, String> env) {
      this.env = env;
    }

    String text(String name, String fallback) {
      String value = env.get(name);
      return value == null || value.isBlank() ? fallback : value.trim();
    }

    String required(String name) {
      String value = text(name, null);
      if (value == null) {
        problems.add(name + " is required");
      }
      return value == null ? "" : value;
    }

    String secret(String name) {
      String value = text(name, null);
      if (value == null) {
        problems.add(name + " is required (a secret; no default outside the local stack)");
        return "";
      }
      if (value.length() < MIN_SECRET_CHARS) {
        problems.add(name + " must be at least " + MIN_SECRET_CHARS + " characters");
      }
      return value;
    }

    int integer(String name, int fallback, int min, int max) {
      String value = text(name, null);
      if (value == null) {
        return fallback;
      }
      try {
        int parsed = Integer.parseInt(value);
        if (parsed < min || parsed > max) {
          problems.add(name + " must be between " + min + " and " + max + ": " + value);
        }
        return parsed;
      } catch (NumberFormatException e) {
        problems.add(name + " must be an integer: " + value);
        return fallback;
      }
    }

    long bytes(String name, long fallback) {
      String value = text(name, null);
      if (value == null) {
        return fallback;
      }
      try {
        long parsed = Long.parseLong(value);
        if (parsed < 1024) {
          problems.add(name + " must be at least 1024 bytes: " + value);
        }
        return parsed;
      } catch (NumberFormatException e) {
        problems.add(name + " must be a number of bytes: " + value);
        return fallback;
      }
    }

    Duration millis(String name, Duration fallback) {
      String value = text(name, null);
      if (value == null) {
        return fallback;
      }
      try {
        long parsed = Long.parseLong(value);
        if (parsed < 1) {
          problems.add(name + " must be a positive number of milliseconds: " + value);
        }
        return Duration.ofMillis(parsed);
      } catch (NumberFormatException e) {
        problems.add(name + " must be a number of milliseconds: " + value);
        return fallback;
      }
    }

    String clickIdSecrets(String name) {
      String value = text(name, null);
      if (value == null) {
        problems.add(
            name + " is required (id:base64secret[,...]; no default outside the local stack)");
        return "";
      }
      try {
        ClickIdKeys.parse(value);
      } catch (IllegalArgumentException e) {
        problems.add(name + ": " + e.getMessage());
      }
      return value;
    }

    String storeSecretKey(String name) {
      String value = text(name, null);
      if (value == null) {
        problems.add(
            name + " is required with DATABASE_URL (base64 of 32 bytes; the api-server's key)");
        return null;
      }
      try {
        SecretBox.fromBase64Key(value);
      } catch (IllegalArgumentException e) {
        // The message names the problem, never the value.
        problems.add(name + " must be base64 of exactly 32 bytes: " + e.getMessage());
      }
      return value;
    }

    void failIfInvalid() {
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "Invalid ingest configuration:\n  - " + String.join("\n  - ", problems));
      }
    }
  }
}
