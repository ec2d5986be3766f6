package io.influmeter.jobs.engagement;

import static io.influmeter.jobs.bench.Bench.progress;

import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.events.ClickEvent;
import io.influmeter.jobs.bench.Bench;
import io.influmeter.jobs.common.DecodedStreams;
import io.influmeter.jobs.common.DecodedStreams.Decoded;
import io.influmeter.jobs.common.JobEnvironments;
import io.influmeter.jobs.common.KafkaJobSettings;
import io.influmeter.jobs.common.KafkaSinks;
import io.influmeter.jobs.common.KafkaSources;
import io.influmeter.schemas.TopicSpec;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * EngagementJob benchmark on the embedded broker and a local MiniCluster, in one JVM.
 *
 * <ol>
 *   <li><b>Throughput</b>: {@code clicks} clicks over {@code links} campaign x influencer rows are
 *       produced to a 6-partition topic; a pass-through job (same Kafka source, same Avro decoding,
 *       same Avro sink, no logic) and the EngagementJob each read them bounded, at-least-once, at
 *       {@code parallelism}; rates from Flink's net job runtime. The pass-through runs before and
 *       after the job (JIT warm-up favours whatever runs later); the faster pass-through is the
 *       baseline, so the ratio is the conservative one.
 *   <li><b>Latency</b>: a fresh EngagementJob reads unbounded while clicks arrive at a fixed rate
 *       ({@code latencyRate}, default half the job's measured rate) with event time = now, for
 *       {@code latencySeconds}; ten times a second a probe click for a row of its own is sent, and
 *       the time until a consumer sees that row in {@code engagement.windows} is its latency.
 * </ol>
 *
 * <p>Event time of the throughput clicks advances one second per {@code clicksPerEventSecond}
 * clicks (default 100,000: a live stream at the target rate; {@code clicksPerEventSecond=83}
 * replays an hour of 300k clicks, where window timers outnumber clicks). Run: {@code
 * stream-jobs/benchmark engagement [clicks=1m] [links=10000] [parallelism=1] ...}. Tagged {@code
 * benchmark}: never part of the unit run.
 */
@Tag("benchmark")
public final class EngagementJobBenchmark {

  private static final List<TopicSpec<?>> TOPICS =
      List.of(Topics.CLICKS, Topics.ATTRIBUTIONS, Topics.SOCIAL_METRICS, Topics.ENGAGEMENT_WINDOWS);

  @Test
  void engagementThroughputAndLatencyAgainstAPassThroughJob() throws Exception {
    System.out.println(run(Map.of("clicks", "300k", "latencySeconds", "10")));
  }

  /** Runs the benchmark and returns its markdown table row. */
  public static String run(Map<String, String> options) throws Exception {
    int clickCount = Bench.intOption(options, "clicks", 1_000_000);
    int linkCount = Bench.intOption(options, "links", 10_000);
    int parallelism = Bench.intOption(options, "parallelism", 1);
    int clicksPerEventSecond = Bench.intOption(options, "clicksPerEventSecond", 100_000);
    int latencySeconds = Bench.intOption(options, "latencySeconds", 30);
    // The job's default (10 s) unless given: for seeing what checkpoints cost the latency tail.
    checkpointInterval =
        Duration.ofSeconds(
            Bench.intOption(
                options,
                "checkpointSeconds",
                (int) KafkaJobSettings.DEFAULT_CHECKPOINT_INTERVAL.toSeconds()));
    String loadBefore = Bench.loadAverage();
    EmbeddedKafka kafka = EmbeddedServices.kafka();
    if (clickCount == 0) {
      // Latency alone, at a given rate: for exploring how latency grows with the rate.
      int rate = Bench.intOption(options, "latencyRate", 10_000);
      List<Long> latencies = latency(kafka, linkCount, parallelism, rate, latencySeconds);
      return String.format(
          Locale.ROOT,
          "| EngagementJob | - | - | - | - | %d | %d / %d ms (%,d clicks/s, %d probes) | - | - |",
          parallelism,
          Bench.quantile(latencies, 0.5),
          Bench.quantile(latencies, 0.99),
          rate,
          latencies.size());
    }
    String prefix = createTopics(kafka, "bench-engagement");
    kafka.createTopic(prefix + "clicks.copy", 6, Map.of());
    progress("producing %,d clicks over %,d rows to %sclicks", clickCount, linkCount, prefix);
    long produceStart = System.nanoTime();
    long start = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
    produce(
        kafka, prefix + Topics.CLICKS.name(), clickCount, linkCount, start, clicksPerEventSecond);
    progress("produced in %.1f s", (System.nanoTime() - produceStart) / 1e9);

    long cpu = Bench.processCpuNanos();
    double passThroughBefore = clickCount * 1000.0 / passThrough(kafka, prefix, parallelism, "a");
    double passThroughCpu = (Bench.processCpuNanos() - cpu) / 1e3 / clickCount;
    progress(
        "pass-through (first run): %,.0f clicks/s, %.1f CPU-us per click",
        passThroughBefore, passThroughCpu);

    StreamExecutionEnvironment env = Bench.localEnvironment(parallelism);
    EngagementJob.build(
        env, config(kafka, prefix, "bench-engagement-" + prefix, parallelism, true));
    progress("EngagementJob running bounded");
    cpu = Bench.processCpuNanos();
    double jobRate = clickCount * 1000.0 / env.execute("bench-engagement").getNetRuntime();
    double jobCpu = (Bench.processCpuNanos() - cpu) / 1e3 / clickCount;
    long rows = Bench.records(kafka.admin(), prefix + Topics.ENGAGEMENT_WINDOWS.name());
    progress(
        "EngagementJob: %,.0f clicks/s, %.1f CPU-us per click, %,d window rows emitted",
        jobRate, jobCpu, rows);

    cpu = Bench.processCpuNanos();
    double passThroughAfter = clickCount * 1000.0 / passThrough(kafka, prefix, parallelism, "b");
    // The first run pays for JIT compilation: the cheaper run is the pass-through's cost.
    passThroughCpu = Math.min(passThroughCpu, (Bench.processCpuNanos() - cpu) / 1e3 / clickCount);
    progress("pass-through (second run): %,.0f clicks/s", passThroughAfter);
    progress(
        "CPU per click (less load-sensitive than rates): pass-through %.1f us (cheaper run), job %.1f us;"
            + " pass-through / job = %.2f",
        passThroughCpu, jobCpu, passThroughCpu / jobCpu);
    double passThroughRate = Math.max(passThroughBefore, passThroughAfter);

    int rate = Bench.intOption(options, "latencyRate", (int) (jobRate / 2));
    List<Long> latencies = latency(kafka, linkCount, parallelism, rate, latencySeconds);
    String loadAfter = Bench.loadAverage();
    progress("load average (1 min) before %s, after %s", loadBefore, loadAfter);
    return String.format(
        Locale.ROOT,
        "| EngagementJob | %,d clicks | %,.0f | %,.0f | %.2f | %d | %d / %d ms (%,d clicks/s, %d"
            + " probes) | - | - |",
        clickCount,
        jobRate,
        passThroughRate,
        jobRate / passThroughRate,
        parallelism,
        Bench.quantile(latencies, 0.5),
        Bench.quantile(latencies, 0.99),
        rate,
        latencies.size());
  }

  private static String createTopics(EmbeddedKafka kafka, String name) {
    String prefix = name + System.nanoTime() % 1_000_000 + ".";
    for (TopicSpec<?> topic : TOPICS) {
      kafka.createTopic(prefix + topic.name(), 6, Map.of());
      kafka.createTopic(prefix + topic.deadLetterName(), 1, Map.of());
    }
    return prefix;
  }

  private static Duration checkpointInterval = KafkaJobSettings.DEFAULT_CHECKPOINT_INTERVAL;

  private static EngagementJobConfig config(
      EmbeddedKafka kafka, String prefix, String group, int parallelism, boolean bounded) {
    return EngagementJobConfig.defaults(kafka.bootstrapServers())
        .withKafka(
            KafkaJobSettings.defaults(kafka.bootstrapServers(), group)
                .withStopAtLatest(bounded)
                .withCheckpointInterval(checkpointInterval)
                .withParallelism(parallelism)
                .withDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE))
        .withTopicPrefix(prefix);
  }

  private static long passThrough(EmbeddedKafka kafka, String prefix, int parallelism, String run)
      throws Exception {
    KafkaJobSettings settings =
        KafkaJobSettings.defaults(kafka.bootstrapServers(), "bench-passthrough-" + run + prefix)
            .withStopAtLatest(true)
            .withParallelism(parallelism)
            .withDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
    StreamExecutionEnvironment env = Bench.localEnvironment(settings.parallelism());
    JobEnvironments.configure(env, settings);
    Decoded<ClickEvent> clicks =
        DecodedStreams.read(
            env,
            KafkaSources.avro(settings, prefix + Topics.CLICKS.name(), ClickEvent.class),
            DecodedStreams.eventTime(
                EngagementJob::clickTime, settings.maxOutOfOrderness(), settings.idleTimeout()),
            ClickEvent.class,
            "clicks");
    clicks
        .records()
        .sinkTo(
            KafkaSinks.avro(
                settings, prefix + "clicks.copy", ClickEvent.class, Topics::keyOf, "copy"))
        .name("copy")
        .uid("copy");
    progress("pass-through job running bounded");
    return env.execute("bench-passthrough").getNetRuntime();
  }

  private static void produce(
      EmbeddedKafka kafka,
      String topic,
      int count,
      int links,
      long startMillis,
      int clicksPerEventSecond) {
    AvroSerde<ClickEvent> serde = Serdes.forTopic(Topics.CLICKS, new BuiltInSchemaRegistry());
    Random random = new Random(1);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Bench.producerProperties(kafka.bootstrapServers(), 20),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (int index = 0; index < count; index++) {
        // A little out of order, as clicks from several ingest instances are.
        long time = startMillis + index * 1000L / clicksPerEventSecond - random.nextInt(2_000);
        ClickEvent click = click(random, links, time);
        producer.send(new ProducerRecord<>(topic, Topics.keyOf(click), serde.encode(topic, click)));
      }
    }
  }

  private static ClickEvent click(Random random, int links, long timeMillis) {
    int link = random.nextInt(links);
    return EngagementFixtures.click(
        "c" + link % 10,
        "i" + link / 10,
        Instant.ofEpochMilli(timeMillis),
        "visitor-" + random.nextInt(100_000),
        random.nextInt(20) == 0);
  }

  /**
   * Runs the job unbounded while clicks arrive at {@code rate}; returns the sorted probe latencies
   * (send to first sight of the probe's row in the output topic), in milliseconds.
   */
  private static List<Long> latency(
      EmbeddedKafka kafka, int links, int parallelism, int rate, int seconds) throws Exception {
    String prefix = createTopics(kafka, "bench-latency");
    String clickTopic = prefix + Topics.CLICKS.name();
    String windowTopic = prefix + Topics.ENGAGEMENT_WINDOWS.name();
    StreamExecutionEnvironment env = Bench.localEnvironment(parallelism);
    EngagementJob.build(env, config(kafka, prefix, "bench-latency-" + prefix, parallelism, false));
    JobClient job = env.executeAsync("bench-engagement-latency");
    Bench.awaitRunning(job, Duration.ofMinutes(2));
    Map<Integer, Long> seen = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread reader = new Thread(() -> readProbes(kafka, windowTopic, seen, stop), "probe-reader");
    reader.start();
    AvroSerde<ClickEvent> serde = Serdes.forTopic(Topics.CLICKS, new BuiltInSchemaRegistry());
    awaitFirstRow(kafka, clickTopic, serde, seen);
    Map<Integer, Long> sent = new ConcurrentHashMap<>();
    Random random = new Random(2);
    int warmUpSeconds = 10;
    progress(
        "latency: %,d clicks/s for %d s of warm-up, then %d s with 10 probes/s",
        rate, warmUpSeconds, seconds);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Bench.producerProperties(kafka.bootstrapServers(), 5),
            new StringSerializer(),
            new ByteArraySerializer())) {
      long begin = System.nanoTime();
      long total = (long) rate * (warmUpSeconds + seconds);
      long probeEvery = Math.max(1, rate / 10);
      int probe = 0;
      for (long index = 0; index < total; index++) {
        Bench.pace(index, begin, rate);
        long now = System.currentTimeMillis();
        boolean measuring = index >= (long) rate * warmUpSeconds;
        ClickEvent click;
        if (measuring && index % probeEvery == 0) {
          // A row of its own: its first appearance in the output is this click's.
          click =
              EngagementFixtures.click(
                  "probe", "p-" + probe, Instant.ofEpochMilli(now), "probe-visitor", false);
          sent.put(probe++, System.nanoTime());
        } else {
          click = click(random, links, now);
        }
        producer.send(
            new ProducerRecord<>(clickTopic, Topics.keyOf(click), serde.encode(clickTopic, click)));
      }
      progress("latency: %,d clicks sent, %d probes", total, probe);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (seen.size() <= sent.size() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    stop.set(true);
    reader.join();
    job.cancel().get(1, TimeUnit.MINUTES);
    List<Long> latencies = new ArrayList<>();
    for (Map.Entry<Integer, Long> entry : sent.entrySet()) {
      Long at = seen.get(entry.getKey());
      // A probe never seen counts as the whole wait: it must not improve the percentiles.
      long end = at == null ? System.nanoTime() : at;
      latencies.add(TimeUnit.NANOSECONDS.toMillis(end - entry.getValue()));
    }
    for (int from = 0; from < sent.size(); from += 50) {
      List<Long> slice = new ArrayList<>();
      for (int probe = from; probe < Math.min(sent.size(), from + 50); probe++) {
        Long at = seen.get(probe);
        slice.add(at == null ? -1 : TimeUnit.NANOSECONDS.toMillis(at - sent.get(probe)));
      }
      slice.sort(Long::compare);
      progress(
          "  probes %d-%d: p50 %d ms, max %d ms",
          from, from + slice.size() - 1, Bench.quantile(slice, 0.5), slice.get(slice.size() - 1));
    }
    latencies.sort(Long::compare);
    progress(
        "latency: %d of %d probes seen; p50 %d ms, p99 %d ms, max %d ms",
        seen.size() - 1,
        sent.size(),
        Bench.quantile(latencies, 0.5),
        Bench.quantile(latencies, 0.99),
        latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1));
    return latencies;
  }

  /**
   * Sends a probe (number -1) every half second until its row comes back: the job's tasks are
   * deployed, its consumers assigned and its producers connected before anything is measured.
   */
  private static void awaitFirstRow(
      EmbeddedKafka kafka, String clickTopic, AvroSerde<ClickEvent> serde, Map<Integer, Long> seen)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Bench.producerProperties(kafka.bootstrapServers(), 0),
            new StringSerializer(),
            new ByteArraySerializer())) {
      while (!seen.containsKey(-1)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the latency job emitted nothing within 2 minutes");
        }
        ClickEvent click =
            EngagementFixtures.click("probe", "p--1", Instant.now(), "probe-visitor", false);
        producer.send(
            new ProducerRecord<>(clickTopic, Topics.keyOf(click), serde.encode(clickTopic, click)));
        producer.flush();
        Thread.sleep(500);
      }
    }
    progress("latency: the job answers");
  }

  private static void readProbes(
      EmbeddedKafka kafka, String topic, Map<Integer, Long> seen, AtomicBoolean stop) {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", kafka.bootstrapServers());
    properties.put("enable.auto.commit", "false");
    properties.put("fetch.max.wait.ms", "10");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      String probePrefix = "probe:p-";
      while (!stop.get()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(10))) {
          String key = record.key();
          if (key != null && key.startsWith(probePrefix)) {
            long now = System.nanoTime();
            int end = key.indexOf(':', probePrefix.length());
            String number = key.substring(probePrefix.length(), end);
            seen.putIfAbsent(number.equals("-1") ? -1 : Integer.parseInt(number), now);
          }
        }
      }
    }
  }
}
