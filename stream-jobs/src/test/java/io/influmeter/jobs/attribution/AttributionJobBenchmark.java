package io.influmeter.jobs.attribution;

import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.events.AttributionModel;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ConversionKind;
import io.influmeter.events.ReferralLink;
import io.influmeter.jobs.common.DecodedStreams;
import io.influmeter.jobs.common.DecodedStreams.Decoded;
import io.influmeter.jobs.common.JobEnvironments;
import io.influmeter.jobs.common.KafkaJobSettings;
import io.influmeter.jobs.common.KafkaSinks;
import io.influmeter.jobs.common.KafkaSources;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kafka -> AttributionJob -> Kafka throughput on a local MiniCluster against a pass-through job
 * (same sources, same Avro decoding, an Avro Kafka sink, no logic) over the same events, in one
 * run. Both jobs read bounded (stop at the offsets latest at start) and write at-least-once.
 *
 * <p>Run: {@code mvn -q -B -pl stream-jobs test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.influmeter.jobs.attribution.AttributionJobBenchmark -Dexec.args="400000 2000
 * 2"} (clicks, links, parallelism; one order per four clicks, one refund per ten orders). Tagged
 * {@code benchmark}: never part of the unit run.
 */
@Tag("benchmark")
class AttributionJobBenchmark {

  @Test
  void attributionThroughputAgainstAPassThroughJob() throws Exception {
    run(400_000, 2_000, 2);
  }

  public static void main(String[] args) throws Exception {
    int clicks = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
    int links = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    run(clicks, links, parallelism);
    System.exit(0);
  }

  static void run(int clickCount, int linkCount, int parallelism) throws Exception {
    EmbeddedKafka kafka = EmbeddedServices.kafka();
    String prefix = "bench" + System.nanoTime() % 1_000_000 + ".";
    AttributionJobConfig.TopicNames topics =
        new AttributionJobConfig.TopicNames(
            prefix + "clicks",
            prefix + "conversions",
            prefix + "links",
            prefix + "attributions",
            null);
    for (String topic :
        List.of(topics.clicks(), topics.conversions(), topics.attributions(), prefix + "copy")) {
      kafka.createTopic(topic, 6, Map.of());
      kafka.createTopic(topic + ".dlq", 1, Map.of());
    }
    kafka.createTopic(topics.links(), 3, Map.of());
    kafka.createTopic(topics.links() + ".dlq", 1, Map.of());
    long produceStart = System.nanoTime();
    long events = produce(kafka, topics, clickCount, linkCount);
    double produceSeconds = (System.nanoTime() - produceStart) / 1e9;

    long passThroughMillis =
        passThrough(settings(kafka, "bench-passthrough-" + prefix, parallelism), topics, prefix);

    AttributionJobConfig config =
        AttributionJobConfig.defaults(kafka.bootstrapServers(), Fixtures.SECRETS)
            .withKafka(settings(kafka, "bench-attribution-" + prefix, parallelism))
            .withTopics(topics);
    StreamExecutionEnvironment env = localEnvironment(parallelism);
    AttributionJob.build(env, config);
    long attributionMillis = env.execute("bench-attribution").getNetRuntime();

    double passThroughRate = events * 1000.0 / passThroughMillis;
    double attributionRate = events * 1000.0 / attributionMillis;
    System.out.printf(
        Locale.ROOT,
        "%n| job | events (clicks + conversions) | parallelism | seconds | events/s |%n"
            + "|---|---|---|---|---|%n"
            + "| produce (1 producer) | %d | - | %.1f | %.0f |%n"
            + "| pass-through | %d | %d | %.1f | %.0f |%n"
            + "| AttributionJob | %d | %d | %.1f | %.0f |%n"
            + "ratio AttributionJob / pass-through: %.2f%n",
        events,
        produceSeconds,
        events / produceSeconds,
        events,
        parallelism,
        passThroughMillis / 1000.0,
        passThroughRate,
        events,
        parallelism,
        attributionMillis / 1000.0,
        attributionRate,
        attributionRate / passThroughRate);
  }

  // Checkpoints go to files: the default in-memory storage refuses state above 5 MB.
  private static StreamExecutionEnvironment localEnvironment(int parallelism) throws Exception {
    Configuration configuration = new Configuration();
    configuration.set(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY,
        Files.createTempDirectory("attribution-bench").toUri().toString());
    return StreamExecutionEnvironment.createLocalEnvironment(parallelism, configuration);
  }

  private static KafkaJobSettings settings(EmbeddedKafka kafka, String group, int parallelism) {
    return KafkaJobSettings.defaults(kafka.bootstrapServers(), group)
        .withStopAtLatest(true)
        .withParallelism(parallelism)
        .withCheckpointInterval(Duration.ofSeconds(10))
        .withDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
  }

  private static long passThrough(
      KafkaJobSettings settings, AttributionJobConfig.TopicNames topics, String prefix)
      throws Exception {
    StreamExecutionEnvironment env = localEnvironment(settings.parallelism());
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
            KafkaSinks.avro(
                settings, prefix + "copy", ClickEvent.class, Topics::keyOf, "copy-clicks"))
        .name("copy clicks")
        .uid("copy-clicks");
    conversions
        .records()
        .sinkTo(
            KafkaSinks.avro(
                settings,
                prefix + "copy",
                ConversionEvent.class,
                Topics::keyOf,
                "copy-conversions"))
        .name("copy conversions")
        .uid("copy-conversions");
    return env.execute("bench-passthrough").getNetRuntime();
  }

  /** Produces links, clicks and conversions; returns the number of clicks + conversions. */
  private static long produce(
      EmbeddedKafka kafka, AttributionJobConfig.TopicNames topics, int clickCount, int linkCount) {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", kafka.bootstrapServers());
    properties.put("acks", "1");
    properties.put("linger.ms", "20");
    properties.put("batch.size", "262144");
    properties.put("compression.type", "lz4");
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
