package io.influmeter.connectors;

import io.influmeter.embedded.EmbeddedConnect;
import io.influmeter.embedded.Ports;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.embedded.junit.TestNames;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A Connect worker of one test's own (not the shared one), which the test may stop and start again
 * on the same offsets directory and REST port, as the local stack's worker is across restarts.
 */
final class RestartableWorker implements AutoCloseable {

  private final Path directory;
  private final String bootstrapServers;
  private final int port = Ports.freePort();
  private EmbeddedConnect worker;

  RestartableWorker(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    this.directory =
        Path.of(
            System.getProperty("influmeter.test.root", System.getProperty("java.io.tmpdir")),
            TestNames.unique("worker"));
  }

  RestartableWorker start() {
    String plugins = System.getProperty(EmbeddedServices.CONNECT_PLUGIN_PATH, "");
    List<Path> pluginDirectories =
        plugins.isBlank() ? List.of() : Arrays.stream(plugins.split(",")).map(Path::of).toList();
    worker = EmbeddedConnect.start(directory, bootstrapServers, port, pluginDirectories);
    return this;
  }

  /** Stops the worker the way a shutdown does: tasks stop and commit their offsets. */
  void stop() {
    if (worker != null) {
      worker.close();
      worker = null;
    }
  }

  /** The REST URL, the same across restarts. */
  String restUrl() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    stop();
  }
}
