package io.influmeter.embedded;

import io.influmeter.schemas.TopicSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka 4 broker in KRaft combined mode (broker + controller in one process),
 * storing its log under the given directory so a restart keeps every topic.
 *
 * <p>Single-node settings: every internal topic has replication factor 1 and min ISR 1. On one
 * broker {@code acks=all} means "in the broker's page cache"; production needs replication 3.
 */
public final class EmbeddedKafka implements EmbeddedService {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final int port;
  private final KafkaRaftServer server;

  private EmbeddedKafka(int port, KafkaRaftServer server) {
    this.port = port;
    this.server = server;
  }

  /**
   * Formats the storage (once; later starts keep it), starts the broker and waits until it answers.
   *
   * @param directory where the log and metadata live
   * @param port client port ({@code 0} = any free port)
   * @param controllerPort KRaft controller port ({@code 0} = any free port)
   */
  public static EmbeddedKafka start(Path directory, int port, int controllerPort) {
    Ports.requireFree("Kafka", port, "--kafka-port");
    Ports.requireFree("the Kafka controller", controllerPort, "--kafka-controller-port");
    int clientPort = Ports.orFree(port);
    int quorumPort = Ports.orFree(controllerPort);
    Path logDir = directory.resolve("log");
    Properties properties = brokerProperties(logDir, clientPort, quorumPort);
    try {
      Files.createDirectories(logDir);
      Path config = directory.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(config)) {
        properties.store(out, "Influmeter embedded Kafka broker (written at each start)");
      }
      formatStorage(config, clusterId(directory));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Kafka storage in " + directory, e);
    }
    KafkaRaftServer server =
        new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
    server.startup();
    EmbeddedKafka kafka = new EmbeddedKafka(clientPort, server);
    kafka.awaitReady();
    return kafka;
  }

  private static Properties brokerProperties(Path logDir, int clientPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    // One broker: every internal topic must fit on it.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("min.insync.replicas", "1");
    p.put("default.replication.factor", "1");
    // Topics come from the catalog (or a test), never from a typo in a client.
    p.put("auto.create.topics.enable", "false");
    // Consumers of a fresh group start at once instead of waiting 3 s for more members.
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.partitions", "1");
    p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
    return p;
  }

  /** The cluster id is kept beside the log, so every restart formats nothing and keeps the data. */
  private static String clusterId(Path directory) throws IOException {
    Path file = directory.resolve("cluster.id");
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    String id = Uuid.randomUuid().toString();
    Files.writeString(file, id, StandardCharsets.UTF_8);
    return id;
  }

  private static void formatStorage(Path config, String clusterId) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    // execute(...) rather than main(...): main would exit the JVM.
    int status;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      status =
          StorageTool$.MODULE$.execute(
              new String[] {
                "format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"
              },
              out);
    } catch (Exception e) {
      throw new IllegalStateException("formatting Kafka storage failed: " + e.getMessage(), e);
    }
    if (status != 0) {
      throw new IllegalStateException(
          "formatting Kafka storage failed: " + buffer.toString(StandardCharsets.UTF_8).trim());
    }
    LOG.debug("kafka storage: {}", buffer.toString(StandardCharsets.UTF_8).trim());
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin = admin()) {
      while (true) {
        try {
          admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
          return;
        } catch (ExecutionException | TimeoutException e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Kafka did not become ready in " + READY_TIMEOUT, e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** A new admin client; the caller closes it. */
  public Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            AdminClientConfig.CLIENT_ID_CONFIG,
            "influmeter-embedded-admin"));
  }

  /**
   * Creates the catalog topics that do not exist yet, with their configs. Returns those created.
   */
  public List<String> createTopics(Collection<? extends TopicSpec<?>> specs) {
    try (Admin admin = admin()) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          specs.stream()
              .filter(spec -> !existing.contains(spec.name()))
              .map(
                  spec ->
                      new NewTopic(spec.name(), spec.partitions(), (short) 1)
                          .configs(spec.configs()))
              .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (ExecutionException e) {
      throw new IllegalStateException("creating topics failed: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("creating topics timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /** Creates one topic (tests: give each test its own name); an existing topic is kept. */
  public void createTopic(String name, int partitions, Map<String, String> configs) {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("creating topic " + name + " failed", e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("creating topic " + name + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    }
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public String address() {
    return bootstrapServers();
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
