package io.influmeter.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.connectors.ConnectRestClient;
import io.influmeter.connectors.ConnectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies the committed connector configs (the same files an operator POSTs to a Connect cluster)
 * to the stack's worker, resolving their {@code ${env:...}} references from the stack's
 * environment, and waits until each connector and its tasks run.
 *
 * <p>Applying is idempotent ({@code PUT /connectors/<name>/config}): the standalone worker keeps no
 * connector configs across restarts, so the stack applies them on every start under the same names,
 * and each connector resumes from the worker's offsets (the CDC source from the offsets file and
 * its replication slot, the sinks from their consumer groups): no re-snapshot, nothing written
 * twice that an upsert would not absorb.
 */
final class StackConnectors {

  /** The committed configs, in the order the stack applies them. */
  static final List<String> FILES =
      List.of(
          "outbox-cdc-source.json",
          "attributions-jdbc-sink.json",
          "engagement-windows-jdbc-sink.json");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration POLL = Duration.ofMillis(200);

  private StackConnectors() {}

  /**
   * The plugin directory must hold Debezium's unpacked bundles (the build of {@code ops/local}
   * unpacks them); without them the worker would start and every connector fail later.
   */
  static void requirePlugins(Path plugins) {
    if (!Files.isDirectory(plugins.resolve("debezium-connector-postgres"))
        || !Files.isDirectory(plugins.resolve("debezium-connector-jdbc"))) {
      throw new ConnectorStartException(
          "Kafka Connect plugins not found in "
              + plugins.toAbsolutePath().normalize()
              + " (./mvnw -pl ops/local -am package unpacks Debezium's bundles there);"
              + " choose another directory with --connect-plugins");
    }
  }

  /** The committed configs with their {@code ${env:...}} references resolved. */
  static List<ConnectorConfig> committed(Map<String, String> environment) {
    List<ConnectorConfig> configs = new ArrayList<>();
    for (String file : FILES) {
      try {
        configs.add(ConnectorConfig.load(file).resolve(environment));
      } catch (IllegalArgumentException e) {
        throw new ConnectorStartException(firstLine(e.getMessage()));
      }
    }
    return List.copyOf(configs);
  }

  /**
   * Applies every config and returns the connector names once all run.
   *
   * @throws ConnectorStartException naming the first connector that was refused, failed or did not
   *     start
   */
  static List<String> apply(String connectUrl, List<ConnectorConfig> connectors) {
    ConnectRestClient client = new ConnectRestClient(connectUrl);
    List<String> names = new ArrayList<>();
    for (ConnectorConfig config : connectors) {
      try {
        client.apply(config);
      } catch (RuntimeException e) {
        throw new ConnectorStartException(
            "connector " + config.name() + " was refused: " + firstLine(e.getMessage()));
      }
      names.add(config.name());
    }
    for (String name : names) {
      awaitRunning(client, name);
    }
    return List.copyOf(names);
  }

  private static void awaitRunning(ConnectRestClient client, String name) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String state = "not created";
    while (System.nanoTime() < deadline) {
      JsonNode status;
      try {
        status = client.status(name);
      } catch (IllegalStateException notYet) {
        // 404 until the herder has created the connector.
        sleep();
        continue;
      }
      JsonNode failed = failure(status);
      if (failed != null) {
        throw new ConnectorStartException(
            "connector " + name + " failed to start: " + firstLine(failed.path("trace").asText()));
      }
      state = status.path("connector").path("state").asText();
      if (state.equals("RUNNING") && allTasksRunning(status.path("tasks"))) {
        return;
      }
      sleep();
    }
    throw new ConnectorStartException(
        "connector "
            + name
            + " did not start within "
            + START_TIMEOUT.toSeconds()
            + " s (state "
            + state
            + ")");
  }

  /** The connector's or a task's status entry if one FAILED, else null. */
  private static JsonNode failure(JsonNode status) {
    if (status.path("connector").path("state").asText().equals("FAILED")) {
      return status.path("connector");
    }
    for (JsonNode task : status.path("tasks")) {
      if (task.path("state").asText().equals("FAILED")) {
        return task;
      }
    }
    return null;
  }

  private static boolean allTasksRunning(JsonNode tasks) {
    if (tasks.isEmpty()) {
      return false;
    }
    for (JsonNode task : tasks) {
      if (!task.path("state").asText().equals("RUNNING")) {
        return false;
      }
    }
    return true;
  }

  private static String firstLine(String text) {
    if (text == null || text.isBlank()) {
      return "no reason given";
    }
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + " ..." : line;
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorStartException("interrupted while waiting for the connectors to start");
    }
  }
}
