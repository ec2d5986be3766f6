package io.influmeter.jobs.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influmeter.jobs.common.InvalidConfigurationException;
import io.influmeter.jobs.common.StateBackendKind;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

class AttributionJobConfigTest {

  @Test
  void theEnvironmentIsParsedWithDefaultsForEverythingButTheBrokerAndTheSecrets() {
    AttributionJobConfig config =
        AttributionJobConfig.fromEnvironment(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "CLICK_ID_SECRETS", Fixtures.SECRETS,
                "ATTRIBUTION_CHECKPOINT_INTERVAL", "30s",
                "ATTRIBUTION_DELIVERY", "at_least_once",
                "ATTRIBUTION_LEDGER_TOPIC", "attributions.ledger"));

    assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(config.kafka().groupId()).isEqualTo("attribution");
    assertThat(config.kafka().checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.kafka().deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    assertThat(config.kafka().schemaRegistryUrl()).isNull();
    assertThat(config.maxLookback()).isEqualTo(Duration.ofDays(90));
    assertThat(config.maxOrderHold()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.topics().conversions()).isEqualTo("conversions");
    assertThat(config.topics().ledger()).isEqualTo("attributions.ledger");
    assertThat(config.stateBackend()).isEqualTo(StateBackendKind.HASHMAP);
    assertThat(
            AttributionJobConfig.fromEnvironment(
                    Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                        "CLICK_ID_SECRETS", Fixtures.SECRETS,
                        "ATTRIBUTION_STATE_BACKEND", "rocksdb"))
                .stateBackend())
        .isEqualTo(StateBackendKind.ROCKSDB);
    assertThat(config.toString()).doesNotContain(Fixtures.SECRETS.substring(2));
  }

  @Test
  void everyMissingOrBadKeyIsListedInOneErrorThatNeverShowsASecret() {
    assertThatThrownBy(
            () ->
                AttributionJobConfig.fromEnvironment(
                    Map.of(
                        "CLICK_ID_SECRETS", "1:c2hvcnQ=",
                        "ATTRIBUTION_PARALLELISM", "zero",
                        "ATTRIBUTION_CHECKPOINT_INTERVAL", "soon",
                        "ATTRIBUTION_DELIVERY", "NONE",
                        "ATTRIBUTION_MAX_ORDER_HOLD", "0s",
                        "ATTRIBUTION_STATE_BACKEND", "cassandra")))
        .isInstanceOfSatisfying(
            InvalidConfigurationException.class,
            e -> {
              assertThat(e.problems())
                  .anySatisfy(p -> assertThat(p).startsWith("KAFKA_BOOTSTRAP_SERVERS"))
                  .anySatisfy(p -> assertThat(p).startsWith("ATTRIBUTION_PARALLELISM"))
                  .anySatisfy(p -> assertThat(p).startsWith("ATTRIBUTION_CHECKPOINT_INTERVAL"))
                  .anySatisfy(p -> assertThat(p).startsWith("ATTRIBUTION_DELIVERY"))
                  .anySatisfy(p -> assertThat(p).startsWith("ATTRIBUTION_STATE_BACKEND"))
                  .anySatisfy(p -> assertThat(p).startsWith("ATTRIBUTION_MAX_ORDER_HOLD"))
                  .anySatisfy(p -> assertThat(p).startsWith("CLICK_ID_SECRETS"));
              assertThat(e.getMessage()).doesNotContain("c2hvcnQ=");
            });
  }
}
