package io.influmeter.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorConfigTest {

  @Test
  void theCommittedSinkConfigLoadsWithItsEnvironmentReferencesIntact() {
    ConnectorConfig config = ConnectorConfig.load("engagement-windows-jdbc-sink.json");
    assertThat(config.name()).isEqualTo("engagement-windows-jdbc-sink");
    assertThat(config.config())
        .containsEntry("connection.url", "${env:INFLUMETER_SINK_JDBC_URL}")
        .containsEntry("value.converter", WireFormatAvroConverter.class.getName())
        .containsEntry("insert.mode", "upsert");
  }

  @Test
  void resolvingReplacesEveryReferenceAndKeepsTheRest() {
    ConnectorConfig resolved =
        new ConnectorConfig("c", Map.of("url", "jdbc:${env:HOST}/${env:DB}", "plain", "x"))
            .resolve(Map.of("HOST", "db.internal", "DB", "influmeter"));
    assertThat(resolved.config())
        .containsEntry("url", "jdbc:db.internal/influmeter")
        .containsEntry("plain", "x");
  }

  @Test
  void resolvingNamesEveryMissingVariableAtOnce() {
    ConnectorConfig config = new ConnectorConfig("c", Map.of("a", "${env:ONE}", "b", "${env:TWO}"));
    assertThatThrownBy(() -> config.resolve(Map.of()))
        .hasMessage("connector c needs values for ONE, TWO");
  }

  @Test
  void aMissingFileIsAClearError() {
    assertThatThrownBy(() -> ConnectorConfig.load("nope.json"))
        .hasMessageContaining("no connector config connectors/nope.json");
  }
}
