package io.influmeter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influmeter.connectors.ConnectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackConnectorsTest {

  @Test
  void aPluginDirectoryWithoutDebeziumsBundlesIsOneLineNamingTheOption() throws Exception {
    Path empty = emptyDirectory();
    assertThatThrownBy(() -> StackConnectors.requirePlugins(empty))
        .isInstanceOf(ConnectorStartException.class)
        .hasMessageStartingWith("Kafka Connect plugins not found in " + empty.toAbsolutePath())
        .hasMessageEndingWith("choose another directory with --connect-plugins")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aPluginDirectoryWithBothBundlesIsAccepted() throws Exception {
    Path plugins = emptyDirectory();
    Files.createDirectories(plugins.resolve("debezium-connector-postgres"));
    Files.createDirectories(plugins.resolve("debezium-connector-jdbc"));
    StackConnectors.requirePlugins(plugins);
  }

  @Test
  void theThreeCommittedConfigsAreResolvedFromTheStacksEnvironment() {
    Map<String, String> environment =
        Map.of(
            "INFLUMETER_CDC_DB_HOST", "127.0.0.1",
            "INFLUMETER_CDC_DB_PORT", "5433",
            "INFLUMETER_CDC_DB_USER", "postgres",
            "INFLUMETER_CDC_DB_PASSWORD", "",
            "INFLUMETER_CDC_DB_NAME", "influmeter",
            "INFLUMETER_SINK_JDBC_URL", "jdbc:postgresql://127.0.0.1:5433/influmeter",
            "INFLUMETER_SINK_JDBC_USER", "postgres",
            "INFLUMETER_SINK_JDBC_PASSWORD", "");
    List<ConnectorConfig> configs = StackConnectors.committed(environment);
    assertThat(configs)
        .extracting(ConnectorConfig::name)
        .containsExactly(
            "outbox-cdc-source", "attributions-jdbc-sink", "engagement-windows-jdbc-sink");
    assertThat(configs.get(0).config()).containsEntry("database.port", "5433");
    assertThat(configs.get(1).config())
        .containsEntry("connection.url", "jdbc:postgresql://127.0.0.1:5433/influmeter");
    assertThat(configs)
        .allSatisfy(
            config -> assertThat(config.config().values()).noneMatch(v -> v.contains("${env:")));
  }

  @Test
  void aMissingVariableIsOneLineNamingTheConnectorAndTheVariables() {
    assertThatThrownBy(() -> StackConnectors.committed(Map.of()))
        .isInstanceOf(ConnectorStartException.class)
        .hasMessageStartingWith(
            "connector outbox-cdc-source needs values for INFLUMETER_CDC_DB_HOST");
  }

  /** A new empty directory under the build's temporary directory (which may not exist yet). */
  private static Path emptyDirectory() throws Exception {
    Path root = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    return Files.createTempDirectory(root, "plugins");
  }
}
