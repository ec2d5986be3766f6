package io.influmeter.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentConfigTest {

  @Test
  void durationsAcceptShortUnitsAndIso8601() {
    assertThat(EnvironmentConfig.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(EnvironmentConfig.parseDuration("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(EnvironmentConfig.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(EnvironmentConfig.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(EnvironmentConfig.parseDuration("30d")).isEqualTo(Duration.ofDays(30));
    assertThat(EnvironmentConfig.parseDuration("PT10S")).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void sharedKafkaSettingsUseTheJobsPrefixAndDefaults() {
    EnvironmentConfig env =
        EnvironmentConfig.of(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "ENGAGEMENT_PARALLELISM", "4",
                "ENGAGEMENT_STOP_AT_LATEST", "true"));

    KafkaJobSettings settings = KafkaJobSettings.fromEnvironment(env, "ENGAGEMENT_", "engagement");
    env.validate("test");

    assertThat(settings.parallelism()).isEqualTo(4);
    assertThat(settings.maxParallelism()).isEqualTo(KafkaJobSettings.DEFAULT_MAX_PARALLELISM);
    assertThat(settings.groupId()).isEqualTo("engagement");
    assertThat(settings.transactionalIdPrefix()).isEqualTo("engagement");
    assertThat(settings.stopAtLatest()).isTrue();
    assertThat(settings.idleTimeout()).isEqualTo(KafkaJobSettings.DEFAULT_IDLE_TIMEOUT);
  }
}
