package io.influmeter.jobs.attribution;

import static io.influmeter.jobs.bench.Bench.progress;

import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.events.AttributionModel;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ConversionKind;
import io.influmeter.events.ReferralLink;
import io.influmeter.jobs.bench.Bench;
import io.influmeter.jobs.common.DecodedStreams;
import io.influmeter.jobs.common.DecodedStreams.Decoded;
import io.influmeter.jobs.common.JobEnvironments;
import io.influmeter.jobs.common.KafkaJobSettings;
import io.influmeter.jobs.common.KafkaSinks;
import io.influmeter.jobs.common.KafkaSources;
import io.influmeter.jobs.common.StateBackendKind;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * AttributionJob benchmark on the embedded broker and a local MiniCluster, in one JVM.
 *
 * <ol>
 *   <li><b>Throughput</b>: {@code clicks} clicks over {@code links} links, one order per four
 *       clicks (80% with the click's id), one refund per ten orders, are produced; a pass-through
 *       job (same sources, same Avro decoding, an Avro Kafka sink, no logic) and the AttributionJob
 *       each read them bounded, at-least-once, at {@code parallelism}; rates from Flink's net job
 *       runtime. The pass-through runs before and after the job and the faster run is the baseline
 *       (JIT warm-up favours whatever runs later), so the ratio is the conservative one.
 *   <li><b>State size and key sweep</b>: for each size in {@code sweep} (default {@code 100k,1m}) a
 *       fresh data set of that many clicks (each a distinct click-id key, a quarter as many
 *       visitors and orders) is read by the job unbounded with 1 s checkpoints; the rate is events
 *       / time from RUNNING until the consumer group has committed every end offset (read and
 *       checkpointed); then a canonical savepoint holds every click, journey and order, and its
 *       size on disk is the state size.
 * </ol>
 *
 * <p>Run: {@code stream-jobs/benchmark attribution [clicks=300k] [links=2000] [parallelism=1]
 * [sweep=100k,1m] [compareBackend=hashmap,rocksdb]}: {@code compareBackend} runs the job once more
 * on each of those state backends over the same events. Tagged {@code benchmark}: never part of the
 * unit run.
 */
@Tag("benchmark")
public final class AttributionJobBenchmark {

  @Test
  void attributionThroughputAgainstAPassThroughJob() throws Exception {
    System.out.println(run(Map.of("clicks", "100k", "sweep", "100k")));
  }

  /** Runs the benchmark and returns its markdown table row. */
  public static String run(Map<String, String> options) throws Exception {
    int clickCount = Bench.intOption(options, "clicks", 300_000);
    int linkCount = Bench.intOption(options, "links", 2_000);
    int parallelism = Bench.intOption(options, "parallelism", 1);
    List<Integer> sweep = Bench.countsOption(options, "sweep", "100k,1m");
    String loadBefore = Bench.loadAverage();
    EmbeddedKafka kafka = EmbeddedServices.kafka();
    AttributionJobConfig.TopicNames topics = createTopics(kafka, "bench-attribution");
    String copyTopic = topics.attributions() + ".copy";
    kafka.createTopic(copyTopic, 6, Map.of());
    progress("producing %,d clicks (+ orders, refunds) over %,d links", clickCount, linkCount);
    long produceStart = System.nanoTime();
    long events = produce(kafka, topics, clickCount, linkCount);
    progress("produced %,d events in %.1f s", events, (System.nanoTime() - produceStart) / 1e9);

    long cpu = Bench.processCpuNanos();
    double passThroughBefore =
        events * 1000.0 / passThrough(kafka, topics, copyTopic, parallelism, "a");
    double passThroughCpu = (Bench.processCpuNanos() - cpu) / 1e3 / events;
    progress(
        "pass-through (first run): %,.0f events/s, %.1f CPU-us per event",
        passThroughBefore, passThroughCpu);
    StreamExecutionEnvironment env = Bench.localEnvironment(parallelism);
    AttributionJob.build(
        env, config(kafka, topics, "bench-attribution-" + topics.clicks(), parallelism, true));
    progress("AttributionJob running bounded");
    cpu = Bench.processCpuNanos();
    double jobRate = events * 1000.0 / env.execute("bench-attribution").getNetRuntime();
    double jobCpu = (Bench.processCpuNanos() - cpu) / 1e3 / events;
    progress(
        "AttributionJob: %,.0f events/s, %.1f CPU-us per event, %,d attribution records",
        jobRate, jobCpu, Bench.records(kafka.admin(), topics.attributions()));
    cpu = Bench.processCpuNanos();
    double passThroughAfter =
        events * 1000.0 / passThrough(kafka, topics, copyTopic, parallelism, "b");
    // The first run pays for JIT compilation: the cheaper run is the pass-through's cost.
    passThroughCpu = Math.min(passThroughCpu, (Bench.processCpuNanos() - cpu) / 1e3 / events);
    progress("pass-through (second run): %,.0f events/s", passThroughAfter);
    progress(
        "CPU per event (less load-sensitive than rates): pass-through %.1f us (cheaper run), job %.1f us;"
            + " pass-through / job = %.2f",
        passThroughCpu, jobCpu, passThroughCpu / jobCpu);
    double passThroughRate = Math.max(passThroughBefore, passThroughAfter);
    for (String compare : options.getOrDefault("compareBackend", "").split(",")) {
      if (compare.isBlank()) {
        continue;
      }
      // The same events through the job on another state backend, for the backend's effect.
      StateBackendKind other = StateBackendKind.valueOf(compare.toUpperCase(Locale.ROOT));
      StreamExecutionEnvironment otherEnv = Bench.localEnvironment(parallelism);
      AttributionJob.build(
          otherEnv,
          config(kafka, topics, "bench-attribution-" + other + topics.clicks(), parallelism, true)
              .withStateBackend(other));
      cpu = Bench.processCpuNanos();
      double otherRate =
          events * 1000.0 / otherEnv.execute("bench-attribution-" + other).getNetRuntime();
      progress(
          "AttributionJob on %s: %,.0f events/s (ratio %.2f), %.1f CPU-us per event",
          other,
          otherRate,
          otherRate / passThroughRate,
          (Bench.processCpuNanos() - cpu) / 1e3 / events);
    }

    List<String> sweepResults = new ArrayList<>();
    String statePerMillion = "-";
    for (int size : sweep) {
      SweepPoint point = sweepPoint(kafka, size, linkCount, parallelism);
      sweepResults.add(
          String.format(Locale.ROOT, "%s clicks: %,.0f", count(size), point.eventsPerSecond()));
      statePerMillion =
          String.format(
              Locale.ROOT,
              "%.0f MB (savepoint of %s clicks, %s visitors, %s orders: %,d bytes)",
              point.savepointBytes() * (1_000_000.0 / size) / 1e6,
              count(size),
              count(size / 4),
              count(size / 4),
              point.savepointBytes());
    }
    progress("load average (1 min) before %s, after %s", loadBefore, Bench.loadAverage());
    return String.format(
        Locale.ROOT,
        "| AttributionJob | %,d clicks + conversions | %,.0f | %,.0f | %.2f | %d | - | %s | %s |",
        events,
        jobRate,
        passThroughRate,
        jobRate / passThroughRate,
        parallelism,
        statePerMillion,
        String.join("; ", sweepResults));
  }

  /** Throughput and state size of one sweep point. */
  record SweepPoint(double eventsPerSecond, long savepointBytes) {}

  private static SweepPoint sweepPoint(EmbeddedKafka kafka, int clicks, int links, int parallelism)
      throws Exception {
    AttributionJobConfig.TopicNames topics = createTopics(kafka, "bench-sweep");
    progress("sweep %s: producing", count(clicks));
    long events = produce(kafka, topics, clicks, links);
    String group = "bench-sweep-" + topics.clicks();
    AttributionJobConfig config = config(kafka, topics, group, parallelism, false);
    config = config.withKafka(config.kafka().withCheckpointInterval(Duration.ofSeconds(1)));
    StreamExecutionEnvironment env = Bench.localEnvironment(parallelism);
    JobClient job = AttributionJob.start(env, config);
    try {
      Bench.awaitRunning(job, Duration.ofMinutes(2));
      long started = System.nanoTime();
      progress("sweep %s: job running, %,d events to read", count(clicks), events);
      Bench.awaitCommitted(
          kafka.admin(),
          group,
          List.of(topics.clicks(), topics.conversions()),
          Duration.ofMinutes(30));
      double rate = events * 1e9 / (System.nanoTime() - started);
      progress("sweep %s: %,.0f events/s; taking a savepoint", count(clicks), rate);
      long bytes = Bench.savepointBytes(job, SavepointFormatType.CANONICAL);
      progress("sweep %s: savepoint %,d bytes", count(clicks), bytes);
      if (config.stateBackend() == StateBackendKind.ROCKSDB) {
        // What RocksDB keeps on disk (its SST files, compressed), next to the canonical form.
        progress(
            "sweep %s: native (RocksDB) savepoint %,d bytes",
            count(clicks), Bench.savepointBytes(job, SavepointFormatType.NATIVE));
      }
      return new SweepPoint(rate, bytes);
    } finally {
      job.cancel().get(2, TimeUnit.MINUTES);
    }
  }

  private static String count(int value) {
    return value % 1_000_000 == 0
        ? value / 1_000_000 + "M"
        : value % 1_000 == 0 ? value / 1_000 + "k" : Integer.toString(value);
  }

  private static AttributionJobConfig.TopicNames createTopics(EmbeddedKafka kafka, String name) {
    String prefix = name + System.nanoTime() % 1_000_000 + ".";
    AttributionJobConfig.TopicNames topics =
        new AttributionJobConfig.TopicNames(
            prefix + "clicks",
            prefix + "conversions",
            prefix + "links",
            prefix + "attributions",
            null);
    for (String topic : List.of(topics.clicks(), topics.conversions(), topics.attributions())) {
      kafka.createTopic(topic, 6, Map.of());
      kafka.createTopic(topic + ".dlq", 1, Map.of());
    }
    kafka.createTopic(topics.links(), 3, Map.of());
    kafka.createTopic(topics.links() + ".dlq", 1, Map.of());
    return topics;
  }

  private static AttributionJobConfig config(
      EmbeddedKafka kafka,
      AttributionJobConfig.TopicNames topics,
      String group,
      int parallelism,
      boolean bounded) {
    return AttributionJobConfig.defaults(kafka.bootstrapServers(), Fixtures.SECRETS)
        .withKafka(
            KafkaJobSettings.defaults(kafka.bootstrapServers(), group)
                .withStopAtLatest(bounded)
                .withParallelism(parallelism)
                .withCheckpointInterval(Duration.ofSeconds(10))
                .withDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE))
        .withTopics(topics);
  }

  private static long passThrough(
      EmbeddedKafka kafka,
      AttributionJobConfig.TopicNames topics,
      String copyTopic,
      int parallelism,
      String run)
      throws Exception {
    KafkaJobSettings settings =
        KafkaJobSettings.defaults(
                kafka.bootstrapServers(), "bench-passthrough-" + run + topics.clicks())
            .withStopAtLatest(true)
            .withParallelism(parallelism)
            .withDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
    StreamExecutionEnvironment env = Bench.localEnvironment(settings.parallelism());
    JobEnvironments.configure(env, settings);
    Decoded<ClickEvent> clicks =
        DecodedStreams.read(
            env,
            KafkaSources.avro(settings, topics.clicks(), ClickEvent.class),
            DecodedStreams.eventTime(
                (click, ts) -> click.getEventTime().toEpochMilli(),
                settings.maxOutOfOrderness(),
                settings.idleTimeout()),
            ClickEvent.class,
            "clicks");
    Decoded<ConversionEvent> conversions =
        DecodedStreams.read(
            env,
            KafkaSources.avro(settings, topics.conversions(), ConversionEvent.class),
            DecodedStreams.eventTime(
                (conversion, ts) -> conversion.getEventTime().toEpochMilli(),
                settings.maxOutOfOrderness(),
                settings.idleTimeout()),
            ConversionEvent.class,
            "conversions");
    clicks
        .records()
        .sinkTo(
            KafkaSinks.avro(settings, copyTopic, ClickEvent.class, Topics::keyOf, "copy-clicks"))
        .name("copy clicks")
        .uid("copy-clicks");
    conversions
        .records()
        .sinkTo(
            KafkaSinks.avro(
                settings, copyTopic, ConversionEvent.class, Topics::keyOf, "copy-conversions"))
        .name("copy conversions")
        .uid("copy-conversions");
    progress("pass-through job running bounded");
    return env.execute("bench-passthrough").getNetRuntime();
  }

  /** Produces links, clicks and conversions; returns the number of clicks + conversions. */
  private static long produce(
      EmbeddedKafka kafka, AttributionJobConfig.TopicNames topics, int clickCount, int linkCount) {
    Properties properties = Bench.producerProperties(kafka.bootstrapServers(), 20);
    BuiltInSchemaRegistry registry = new BuiltInSchemaRegistry();
    AvroSerde<ClickEvent> clickSerde = Serdes.forTopic(Topics.CLICKS, registry);
    AvroSerde<ConversionEvent> conversionSerde = Serdes.forTopic(Topics.CONVERSIONS, registry);
    AvroSerde<ReferralLink> linkSerde = Serdes.forTopic(Topics.REFERRAL_LINKS, registry);
    Random random = new Random(1);
    AttributionModel[] models = AttributionModel.values();
    List<ReferralLink> links = new ArrayList<>();
    long conversions = 0;
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
      for (int index = 0; index < linkCount; index++) {
        ReferralLink link =
            Fixtures.percentLink(
                new UUID(random.nextLong(), random.nextLong()),
                "camp-" + index % 100,
                "inf-" + index,
                "CODE" + index,
                models[index % 100 % models.length]);
        links.add(link);
        producer.send(
            new ProducerRecord<>(
                topics.links(), Topics.keyOf(link), linkSerde.encode(topics.links(), link)));
      }
      // Event time advances one hour per 10,000 clicks; orders follow their click within a day.
      for (int index = 0; index < clickCount; index++) {
        ReferralLink link = links.get(random.nextInt(linkCount));
        ClickEvent click =
            Fixtures.click(
                link,
                Fixtures.day(index / 240_000.0),
                "visitor-" + random.nextInt(Math.max(1, clickCount / 4)),
                random.nextInt(20) == 0);
        producer.send(
            new ProducerRecord<>(
                topics.clicks(), Topics.keyOf(click), clickSerde.encode(topics.clicks(), click)));
        if (index % 4 != 0) {
          continue;
        }
        ConversionEvent order =
            Fixtures.order(
                "o-" + index,
                click.getEventTime().plusSeconds(random.nextInt(3_600)),
                1_000 + random.nextInt(100_000),
                random.nextInt(10) < 8 ? click.getClickId() : null,
                random.nextBoolean() ? link.getPromoCode().toLowerCase(Locale.ROOT) : "NONE");
        producer.send(
            new ProducerRecord<>(
                topics.conversions(),
                Topics.keyOf(order),
                conversionSerde.encode(topics.conversions(), order)));
        conversions++;
        if (index % 40 == 0) {
          ConversionEvent refund =
              Fixtures.conversion(
                  "o-" + index,
                  ConversionKind.REFUND,
                  "r",
                  order.getEventTime().plusSeconds(60),
                  500,
                  null);
          producer.send(
              new ProducerRecord<>(
                  topics.conversions(),
                  Topics.keyOf(refund),
                  conversionSerde.encode(topics.conversions(), refund)));
          conversions++;
        }
      }
    }
    return clickCount + conversions;
  }
}
