package io.influmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

  @Test
  void oneErrorNamesEveryMissingOrBadVariable() {
    Map<String, String> env =
        Map.of(
            "INGEST_PORT",
            "http",
            "INGEST_CLICK_ACK_BUDGET_MS",
            "-3",
            "INGEST_VISITOR_HASH_SECRET",
            "short");

    assertThatThrownBy(() -> IngestConfig.fromEnvironment(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS is required")
        .hasMessageContaining("INGEST_SPOOL_DIR is required")
        .hasMessageContaining("INGEST_PORT must be an integer")
        .hasMessageContaining("INGEST_CLICK_ACK_BUDGET_MS must be a positive")
        .hasMessageContaining("INGEST_VISITOR_HASH_SECRET must be at least 32")
        .hasMessageContaining("INGEST_CUSTOMER_HASH_SECRET is required")
        .hasMessageContaining("CLICK_ID_SECRETS is required")
        .hasMessageNotContaining("short");
  }

  @Test
  void aCompleteEnvironmentParsesAndItsStringHidesSecrets() {
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
            "INGEST_SPOOL_DIR", "/var/lib/ingest/spool",
            "INGEST_VISITOR_HASH_SECRET", "v".repeat(40),
            "INGEST_CUSTOMER_HASH_SECRET", "c".repeat(40),
            "CLICK_ID_SECRETS", TestSecrets.builder().clickIdSecrets,
            "INGEST_CLICK_ACK_BUDGET_MS", "15",
            "INGEST_COUNTRY_HEADER", "CF-IPCountry");

    IngestConfig config = IngestConfig.fromEnvironment(env);

    assertThat(config.clickAckBudget()).isEqualTo(Duration.ofMillis(15));
    assertThat(config.countryHeader()).isEqualTo("CF-IPCountry");
    assertThat(config.clicksTopic()).isEqualTo("clicks");
    assertThat(config.clickIdKeys().current().id()).isZero();
    assertThat(config.toString()).doesNotContain("vvvv").doesNotContain("cccc");
  }

  @Test
  void withADatabaseTheStoreSecretKeyIsRequiredAndMustBe32BytesOfBase64() {
    Map<String, String> base =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            "kafka:9092",
            "INGEST_SPOOL_DIR",
            "/var/lib/ingest/spool",
            "INGEST_VISITOR_HASH_SECRET",
            "v".repeat(40),
            "INGEST_CUSTOMER_HASH_SECRET",
            "c".repeat(40),
            "CLICK_ID_SECRETS",
            TestSecrets.builder().clickIdSecrets,
            "DATABASE_URL",
            "jdbc:postgresql://db/influmeter");
    String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    var withKey = new java.util.HashMap<>(base);
    withKey.put("STORE_SECRET_KEY", key);
    var shortKey = new java.util.HashMap<>(base);
    shortKey.put("STORE_SECRET_KEY", "c2hvcnQ=");

    assertThatThrownBy(() -> IngestConfig.fromEnvironment(base))
        .hasMessageContaining("STORE_SECRET_KEY is required with DATABASE_URL");
    assertThatThrownBy(() -> IngestConfig.fromEnvironment(shortKey))
        .hasMessageContaining("STORE_SECRET_KEY must be base64 of exactly 32 bytes")
        .hasMessageNotContaining("c2hvcnQ=");
    IngestConfig config = IngestConfig.fromEnvironment(withKey);
    assertThat(config.storeSecrets().open(config.storeSecrets().seal("whsec"))).isEqualTo("whsec");
    assertThat(config.toString()).doesNotContain(key);
  }
}
