package io.influmeter.jobs.engagement;

import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.events.ClickEvent;
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
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kafka -> EngagementJob -> Kafka throughput on a local MiniCluster against a pass-through job
 * (same source, same Avro decoding, same sink, no logic) over the same clicks, in one run.
 *
 * <p>Run (from the repository root; arguments: clicks, distinct campaign x influencer links,
 * parallelism):
 *
 * <pre>{@code
 * mvn -q -B -pl stream-jobs test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
 * java -Xmx3g -cp stream-jobs/target/test-classes:stream-jobs/target/classes:$(cat \
 *     stream-jobs/target/bench.classpath) io.influmeter.jobs.engagement.EngagementJobBenchmark \
 *     1000000 10000 2
 * }</pre>
 *
 * Tagged {@code benchmark}: never part of the unit run.
 */
@Tag("benchmark")
class EngagementJobBenchmark {

  @Test
  void engagementThroughputAgainstAPassThroughJob() throws Exception {
    run(1_000_000, 10_000, 2);
  }

  public static void main(String[] args) throws Exception {
    int clicks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int links = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    run(clicks, links, parallelism);
    System.exit(0);
  }

  static void run(int clickCount, int linkCount, int parallelism) throws Exception {
    EmbeddedKafka kafka = EmbeddedServices.kafka();
    String prefix = "bench" + System.nanoTime() % 1_000_000 + ".";
    for (TopicSpec<?> topic :
        List.of(
            Topics.CLICKS, Topics.ATTRIBUTIONS, Topics.SOCIAL_METRICS, Topics.ENGAGEMENT_WINDOWS)) {
      kafka.createTopic(prefix + topic.name(), 6, Map.of());
      kafka.createTopic(prefix + topic.deadLetterName(), 1, Map.of());
    }
    kafka.createTopic(prefix + "clicks.copy", 6, Map.of());
    long produceStart = System.nanoTime();
    produce(kafka, prefix + Topics.CLICKS.name(), clickCount, linkCount);
    double produceSeconds = (System.nanoTime() - produceStart) / 1e9;

    KafkaJobSettings settings =
        KafkaJobSettings.defaults(kafka.bootstrapServers(), "bench-passthrough-" + prefix)
            .withStopAtLatest(true)
            .withParallelism(parallelism)
            .withDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
    long passThroughMillis = passThrough(settings, prefix);

    EngagementJobConfig config =
        EngagementJobConfig.defaults(kafka.bootstrapServers())
            .withKafka(
                KafkaJobSettings.defaults(kafka.bootstrapServers(), "bench-engagement-" + prefix)
                    .withStopAtLatest(true)
                    .withParallelism(parallelism)
                    .withDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE))
            .withTopicPrefix(prefix);
    StreamExecutionEnvironment env = localEnvironment(parallelism);
    EngagementJob.build(env, config);
    JobExecutionResult engagement = env.execute("bench-engagement");
    long engagementMillis = engagement.getNetRuntime();

    double passThroughRate = clickCount * 1000.0 / passThroughMillis;
    double engagementRate = clickCount * 1000.0 / engagementMillis;
    System.out.printf(
        Locale.ROOT,
        "%n| job | clicks | links | parallelism | seconds | clicks/s |%n|---|---|---|---|---|---|%n"
            + "| produce (1 producer) | %d | %d | - | %.1f | %.0f |%n"
            + "| pass-through | %d | %d | %d | %.1f | %.0f |%n"
            + "| EngagementJob | %d | %d | %d | %.1f | %.0f |%n"
            + "ratio EngagementJob / pass-through: %.2f%n",
        clickCount,
        linkCount,
        produceSeconds,
        clickCount / produceSeconds,
        clickCount,
        linkCount,
        parallelism,
        passThroughMillis / 1000.0,
        passThroughRate,
        clickCount,
        linkCount,
        parallelism,
        engagementMillis / 1000.0,
        engagementRate,
        engagementRate / passThroughRate);
  }

  private static long passThrough(KafkaJobSettings settings, String prefix) throws Exception {
    StreamExecutionEnvironment env = localEnvironment(settings.parallelism());
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
    return env.execute("bench-passthrough").getNetRuntime();
  }

  // No restarts: a failure must end the measurement, not hide inside a restart loop.
  private static StreamExecutionEnvironment localEnvironment(int parallelism) {
    Configuration configuration = new Configuration();
    configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    // Checkpoints to files, as on a cluster: the default JobManager storage caps state at 5 MB.
    configuration.set(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY,
        Path.of(System.getProperty("java.io.tmpdir"), "bench-checkpoints").toUri().toString());
    return StreamExecutionEnvironment.createLocalEnvironment(parallelism, configuration);
  }

  private static void produce(EmbeddedKafka kafka, String topic, int count, int links) {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", kafka.bootstrapServers());
    properties.put("acks", "1");
    properties.put("linger.ms", "20");
    properties.put("batch.size", "262144");
    properties.put("compression.type", "lz4");
    AvroSerde<ClickEvent> serde = Serdes.forTopic(Topics.CLICKS, new BuiltInSchemaRegistry());
    Random random = new Random(1);
    long start = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
      for (int index = 0; index < count; index++) {
        int link = random.nextInt(links);
        String campaign = "c" + link % 10;
        String influencer = "i" + link / 10;
        // One hour of event time, a little out of order.
        long time = start + index * 3_600_000L / count - random.nextInt(2_000);
        ClickEvent click =
            EngagementFixtures.click(
                campaign,
                influencer,
                Instant.ofEpochMilli(time),
                "visitor-" + random.nextInt(100_000),
                random.nextInt(20) == 0);
        producer.send(new ProducerRecord<>(topic, Topics.keyOf(click), serde.encode(topic, click)));
      }
    }
  }
}
