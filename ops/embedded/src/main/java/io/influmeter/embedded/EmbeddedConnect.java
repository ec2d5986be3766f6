package io.influmeter.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;

/**
 * A real Kafka Connect worker (standalone mode) with its REST API, storing source offsets under the
 * given directory so a restart resumes where it stopped. Connectors are added through its REST API,
 * the same way an operator adds them to a Connect cluster.
 */
public final class EmbeddedConnect implements EmbeddedService {

  private final Connect<StandaloneHerder> connect;
  private final int port;

  private EmbeddedConnect(Connect<StandaloneHerder> connect, int port) {
    this.connect = connect;
    this.port = port;
  }

  /**
   * Starts a worker against {@code bootstrapServers} with its REST API on {@code port} ({@code 0} =
   * any free port). Plugins are found on the class path and in {@code <directory>/plugins}.
   */
  public static EmbeddedConnect start(Path directory, String bootstrapServers, int port) {
    return start(directory, bootstrapServers, port, List.of());
  }

  /**
   * Like {@link #start(Path, String, int)}, with more plugin directories (each holding one folder
   * per plugin, e.g. unpacked Debezium plugin bundles), loaded in isolated class loaders.
   */
  public static EmbeddedConnect start(
      Path directory, String bootstrapServers, int port, List<Path> pluginDirectories) {
    Ports.requireFree("Kafka Connect", port, "--connect-port");
    int restPort = Ports.orFree(port);
    Path plugins = directory.resolve("plugins");
    try {
      Files.createDirectories(plugins);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + plugins, e);
    }
    Map<String, String> worker = new HashMap<>();
    worker.put("bootstrap.servers", bootstrapServers);
    worker.put("listeners", "http://127.0.0.1:" + restPort);
    worker.put("rest.advertised.host.name", "127.0.0.1");
    worker.put("offset.storage.file.filename", directory.resolve("offsets").toString());
    worker.put("offset.flush.interval.ms", "1000");
    List<String> pluginPath = new ArrayList<>();
    pluginPath.add(plugins.toString());
    pluginDirectories.forEach(extra -> pluginPath.add(extra.toAbsolutePath().toString()));
    worker.put("plugin.path", String.join(",", pluginPath));
    // Service-loader discovery starts in about 1 s instead of 8 s of class-path scanning.
    worker.put("plugin.discovery", "service_load");
    worker.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    worker.put("client.id", "influmeter-connect");
    // Connector configs name secrets and addresses as ${env:NAME}, so the same files can be POSTed
    // unchanged to a Connect cluster whose workers set those variables.
    worker.put("config.providers", "env");
    worker.put(
        "config.providers.env.class",
        "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
    // The Connect CLI exits the JVM when start-up fails; in-process that must be an exception.
    Exit.setExitProcedure(
        (status, message) -> {
          throw new IllegalStateException(
              "Kafka Connect failed to start (status " + status + "): " + message);
        });
    try {
      Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(worker);
      return new EmbeddedConnect(connect, restPort);
    } finally {
      Exit.resetExitProcedure();
    }
  }

  /** Base URL of the worker's REST API, e.g. {@code http://127.0.0.1:8083}. */
  public String restUrl() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public String name() {
    return "connect";
  }

  @Override
  public String address() {
    return restUrl();
  }

  @Override
  public void close() {
    connect.stop();
    connect.awaitStop();
  }
}
