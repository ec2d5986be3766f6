package io.influmeter.ingest.bench;

import io.influmeter.ingest.TestSecrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What both benchmarks run: a broker and ingest, each in its own JVM with deployment-like options,
 * the load generator (wrk or {@link HttpLoad}) in a third process. Broker options are Kafka's own
 * start script defaults (1 GiB heap, G1 with 20 ms pause goal); ingest and the bare server get the
 * same options, overridable with {@code -Dbench.jvm="..."}.
 */
final class BenchStack implements AutoCloseable {

  static final List<String> BROKER_JVM =
      List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");
  static final List<String> SERVICE_JVM =
      Arrays.asList(System.getProperty("bench.jvm", "-Xms1g -Xmx1g -XX:+UseParallelGC").split(" "));
  static final int MAX_THREADS = Integer.getInteger("bench.threads", 32);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final Pattern SPOOLED =
      Pattern.compile("ingest_delivery_total\\{outcome=\"spooled\"[^}]*} ([0-9.E+]+)");

  final Path root;
  final String bootstrapServers;
  final int ingestPort;
  private final BenchProcess broker;
  private final BenchProcess ingest;
  private final HttpClient http = HttpClient.newHttpClient();

  private BenchStack(
      Path root, BenchProcess broker, String bootstrap, BenchProcess ingest, int port) {
    this.root = root;
    this.broker = broker;
    this.bootstrapServers = bootstrap;
    this.ingest = ingest;
    this.ingestPort = port;
  }

  /** Prints a progress line (the benchmarks take minutes). */
  static void progress(String format, Object... args) {
    System.out.printf("[bench] " + format + "%n", args);
  }

  static Path newRoot(String prefix) throws IOException {
    Path parent = Path.of(System.getProperty("bench.dir", "ingest/target"));
    Files.createDirectories(parent);
    return Files.createTempDirectory(parent, prefix);
  }

  /** Starts the broker, runs {@code beforeIngest} (e.g. publish links), then starts ingest. */
  static BenchStack start(Path root, BrokerReady beforeIngest, String... ingestArgs)
      throws Exception {
    progress("starting the broker (own JVM, log %s)", root.resolve("broker.log"));
    BenchProcess broker =
        BenchProcess.start(
            "broker",
            BROKER_JVM,
            Map.of(),
            root.resolve("broker.log"),
            BrokerMain.class,
            root.resolve("kafka").toString());
    try {
      String bootstrap = broker.awaitReady(START_TIMEOUT);
      beforeIngest.accept(bootstrap);
      progress("starting ingest (own JVM %s, log %s)", SERVICE_JVM, root.resolve("ingest.log"));
      List<String> ingestJvm = new ArrayList<>(SERVICE_JVM);
      String recording = System.getProperty("bench.jfr");
      if (recording != null) {
        // Profile ingest only: -Dbench.jfr=<file>, read with `jfr print` / `jfr summary`.
        ingestJvm.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile");
      }
      BenchProcess ingest =
          BenchProcess.start(
              "ingest",
              ingestJvm,
              ingestEnvironment(bootstrap, root),
              root.resolve("ingest.log"),
              BenchIngestMain.class,
              ingestArgs);
      int port = Integer.parseInt(ingest.awaitReady(START_TIMEOUT));
      return new BenchStack(root, broker, bootstrap, ingest, port);
    } catch (Exception | Error e) {
      broker.close();
      throw e;
    }
  }

  /** Called with the broker's bootstrap servers before ingest starts. */
  interface BrokerReady {
    void accept(String bootstrapServers) throws Exception;
  }

  private static Map<String, String> ingestEnvironment(String bootstrap, Path root) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.put("INGEST_HOST", "127.0.0.1");
    env.put("INGEST_PORT", "0");
    env.put("INGEST_SPOOL_DIR", root.resolve("spool").toString());
    env.put("INGEST_MAX_THREADS", Integer.toString(MAX_THREADS));
    env.put("INGEST_VISITOR_HASH_SECRET", "benchmark-only-visitor-hash-secret-000000");
    env.put("INGEST_CUSTOMER_HASH_SECRET", "benchmark-only-customer-hash-secret-00000");
    env.put("CLICK_ID_SECRETS", TestSecrets.CLICK_ID_SECRETS);
    return env;
  }

  /** Records ingest delivered through the spool's fsync path so far (from its /metrics). */
  long spooledRecords() throws IOException, InterruptedException {
    String metrics =
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestPort + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher matcher = SPOOLED.matcher(metrics);
    return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
  }

  /** CPU time ingest and the broker used so far (microseconds; see BenchProcess#cpuMicros). */
  long[] cpuMicros() {
    return new long[] {ingest.cpuMicros(), broker.cpuMicros()};
  }

  /** Sum of a topic's end offsets. */
  long endOffsets(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", bootstrapServers),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Load average of this machine (1 min), for the record. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  @Override
  public void close() {
    ingest.close();
    broker.close();
  }
}
