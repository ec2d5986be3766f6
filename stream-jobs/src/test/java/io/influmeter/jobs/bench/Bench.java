package io.influmeter.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the stream-jobs benchmarks share: options, progress lines, local Flink environments, offset
 * and state-size probes, and a fixed-rate pacer. Benchmarks only, never the unit run.
 */
public final class Bench {

  private static final long START = System.nanoTime();

  private Bench() {}

  /** {@code key=value} arguments. */
  public static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("arguments are key=value, got: " + arg);
      }
      options.put(arg.substring(0, equals), arg.substring(equals + 1));
    }
    return options;
  }

  /** An integer option; {@code 1m}, {@code 100k} accepted. */
  public static int intOption(Map<String, String> options, String key, int fallback) {
    String value = options.get(key);
    return value == null ? fallback : parseCount(value);
  }

  /** A comma-separated list of counts ({@code 100k,1m}). */
  public static List<Integer> countsOption(
      Map<String, String> options, String key, String fallback) {
    List<Integer> counts = new ArrayList<>();
    for (String part : options.getOrDefault(key, fallback).split(",")) {
      if (!part.isBlank()) {
        counts.add(parseCount(part.trim()));
      }
    }
    return counts;
  }

  static int parseCount(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.endsWith("m")) {
      return Math.multiplyExact(
          Integer.parseInt(lower.substring(0, lower.length() - 1)), 1_000_000);
    }
    if (lower.endsWith("k")) {
      return Math.multiplyExact(Integer.parseInt(lower.substring(0, lower.length() - 1)), 1_000);
    }
    return Integer.parseInt(lower);
  }

  /** A progress line with the seconds since the benchmark started. */
  public static void progress(String format, Object... args) {
    System.out.printf(
        Locale.ROOT,
        "[%6.1fs] %s%n",
        (System.nanoTime() - START) / 1e9,
        String.format(Locale.ROOT, format, args));
    System.out.flush();
  }

  /**
   * CPU time this JVM has used so far, in nanoseconds (all threads: Flink, the embedded broker, the
   * load generator). Per event it varies far less with other processes on the cores than a
   * wall-clock rate does; not entirely, as work paced by the clock (checkpoints, early firings)
   * grows when a run is slowed down.
   */
  public static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The 1-minute load average of the machine (the benchmarks share it with whatever runs). */
  public static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /**
   * A local MiniCluster environment: no restarts (a failure must end the measurement, not hide in a
   * restart loop), checkpoints to files (the default JobManager storage caps state at 5 MB).
   */
  public static StreamExecutionEnvironment localEnvironment(int parallelism) {
    Configuration configuration = new Configuration();
    configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    configuration.set(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY,
        tempDirectory("checkpoints").toUri().toString());
    return StreamExecutionEnvironment.createLocalEnvironment(parallelism, configuration);
  }

  /** Producer settings of the load generators: throughput first. */
  public static Properties producerProperties(String bootstrapServers, int lingerMillis) {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", bootstrapServers);
    properties.put("acks", "1");
    properties.put("linger.ms", Integer.toString(lingerMillis));
    properties.put("batch.size", "262144");
    properties.put("compression.type", "lz4");
    return properties;
  }

  /** Records in a topic (sum of end offsets; exact for a topic without transactions). */
  public static long records(Admin admin, String topic) throws Exception {
    return endOffsets(admin, List.of(topic)).values().stream().mapToLong(Long::longValue).sum();
  }

  static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<String> topics)
      throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin
        .describeTopics(topics)
        .allTopicNames()
        .get(30, TimeUnit.SECONDS)
        .forEach(
            (name, description) ->
                description
                    .partitions()
                    .forEach(
                        partition ->
                            request.put(
                                new TopicPartition(name, partition.partition()),
                                OffsetSpec.latest())));
    Map<TopicPartition, Long> end = new HashMap<>();
    admin
        .listOffsets(request)
        .all()
        .get(30, TimeUnit.SECONDS)
        .forEach((partition, info) -> end.put(partition, info.offset()));
    return end;
  }

  /**
   * Waits until {@code group} has committed the end offset of every partition of {@code topics}. A
   * Flink Kafka source commits on each completed checkpoint, so this means "read and checkpointed".
   */
  public static void awaitCommitted(
      Admin admin, String group, Collection<String> topics, Duration timeout) throws Exception {
    Map<TopicPartition, Long> end = endOffsets(admin, topics);
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      long behind = 0;
      for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
        OffsetAndMetadata offset = committed.get(entry.getKey());
        behind += entry.getValue() - (offset == null ? 0 : offset.offset());
      }
      if (behind <= 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(group + " still " + behind + " records behind");
      }
      if (System.nanoTime() > nextReport) {
        progress("  %,d records not yet read and checkpointed", behind);
        nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      }
      Thread.sleep(100);
    }
  }

  /** Waits until the job runs (its tasks deployed), so start-up is not counted as processing. */
  public static void awaitRunning(JobClient job, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (job.getJobStatus().get(10, TimeUnit.SECONDS) != JobStatus.RUNNING) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("job not running after " + timeout);
      }
      Thread.sleep(50);
    }
  }

  /** Takes a savepoint in {@code format} and returns its size on disk in bytes. */
  public static long savepointBytes(JobClient job, SavepointFormatType format) throws Exception {
    Path directory = tempDirectory("savepoints");
    String path =
        job.triggerSavepoint(directory.toUri().toString(), format).get(10, TimeUnit.MINUTES);
    return directorySize(Path.of(java.net.URI.create(path)));
  }

  static long directorySize(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              file -> {
                try {
                  return Files.size(file);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    }
  }

  static Path tempDirectory(String name) {
    try {
      return Files.createTempDirectory("stream-jobs-bench-" + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sleeps so that the {@code sent}-th event goes out no earlier than {@code rate} allows. */
  public static void pace(long sent, long startNanos, double ratePerSecond)
      throws InterruptedException {
    long due = startNanos + (long) (sent * 1e9 / ratePerSecond);
    long wait = due - System.nanoTime();
    if (wait > 1_000_000) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  /** The value at quantile {@code q} (0..1) of sorted values, nearest rank. */
  public static long quantile(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
