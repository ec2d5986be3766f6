package io.influmeter.embedded;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A Flink MiniCluster (job manager + one task manager) with its REST API, checkpoints under the
 * given directory. Jobs are submitted through the REST API with {@link #environment()}: the same
 * path as submitting to a real Flink cluster, only the address differs.
 */
public final class EmbeddedFlink implements EmbeddedService {

  private final MiniCluster cluster;
  private final int restPort;
  private final Configuration configuration;

  private EmbeddedFlink(MiniCluster cluster, int restPort, Configuration configuration) {
    this.cluster = cluster;
    this.restPort = restPort;
    this.configuration = configuration;
  }

  /**
   * Starts a MiniCluster with {@code slots} task slots and its REST API on {@code port} ({@code 0}
   * = any free port).
   */
  public static EmbeddedFlink start(Path directory, int port, int slots) {
    Ports.requireFree("the Flink REST API", port, "--flink-port");
    int restPort = Ports.orFree(port);
    Configuration configuration = new Configuration();
    configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    configuration.set(RestOptions.ADDRESS, "127.0.0.1");
    configuration.set(RestOptions.PORT, restPort);
    configuration.set(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY,
        directory.resolve("checkpoints").toUri().toString());
    configuration.set(
        CheckpointingOptions.SAVEPOINT_DIRECTORY,
        directory.resolve("savepoints").toUri().toString());
    configuration.set(CoreOptions.TMP_DIRS, directory.resolve("tmp").toString());
    // Two cores: small managed memory keeps the MiniCluster beside Kafka and PostgreSQL in one JVM.
    configuration.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("128m"));
    configuration.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("64m"));
    configuration.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("64m"));
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(configuration)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
    try {
      cluster.start();
    } catch (Exception e) {
      throw new IllegalStateException("Flink MiniCluster did not start: " + e.getMessage(), e);
    }
    return new EmbeddedFlink(cluster, restPort, configuration);
  }

  /** A fresh environment that submits jobs to this cluster through its REST API. */
  public StreamExecutionEnvironment environment() {
    return StreamExecutionEnvironment.createRemoteEnvironment(
        "127.0.0.1", restPort, new Configuration(configuration));
  }

  /** The underlying MiniCluster (job status, cancellation, savepoints in tests). */
  public MiniCluster miniCluster() {
    return cluster;
  }

  public String restUrl() {
    return "http://127.0.0.1:" + restPort;
  }

  public int port() {
    return restPort;
  }

  @Override
  public String name() {
    return "flink";
  }

  @Override
  public String address() {
    return restUrl();
  }

  @Override
  public void close() {
    try {
      cluster.closeAsync().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Flink MiniCluster did not stop cleanly", e);
    }
  }
}
