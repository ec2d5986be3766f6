package io.influmeter.api.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.ApiConfig;
import io.influmeter.api.ApiRuntime;
import io.influmeter.api.support.Http;
import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.embedded.junit.TestNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedServices.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InsightRuntimeTest {
  private static final byte[] KEY =
      "insight runtime test key, thirty-two bytes or more".getBytes(StandardCharsets.UTF_8);

  @Test
  void the_runtime_with_kafka_runs_the_trigger_worker_and_stops_it_cleanly(
      EmbeddedPostgresServer postgres, EmbeddedKafka kafka) {
    String database = TestNames.unique("insights-runtime");
    postgres.createDatabase(database);
    InsightsConfig insights =
        InsightsConfig.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));

    long started;
    try (var runtime =
        ApiRuntime.start(
            ApiConfig.localStack(postgres.jdbcUrl(database), 0, KEY, new byte[32]), insights)) {
      assertThat(new Http(runtime.port()).get("/health/ready").status()).isEqualTo(200);
      assertThat(Thread.getAllStackTraces().keySet())
          .anyMatch(t -> t.getName().equals("api-insights-trigger-worker"));
      started = System.nanoTime();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals("api-insights-trigger-worker") && t.isAlive());
  }

  @Test
  void a_provider_without_its_key_is_a_configuration_error_naming_the_variable() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                InsightsConfig.fromEnvironment(
                    Map.of("INSIGHTS_PROVIDER", "openai", "INSIGHTS_MAX_RETRIES", "x")))
        .hasMessageContaining("OPENAI_API_KEY")
        .hasMessageContaining("INSIGHTS_MAX_RETRIES");
    assertThat(
            InsightsConfig.fromEnvironment(
                    Map.of("INSIGHTS_PROVIDER", "anthropic", "ANTHROPIC_API_KEY", "sk-ant-secret"))
                .toString())
        .doesNotContain("sk-ant-secret");
  }
}
