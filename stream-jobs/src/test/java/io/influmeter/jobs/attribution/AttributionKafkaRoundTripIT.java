package io.influmeter.jobs.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.embedded.EmbeddedFlink;
import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.events.AttributedConversion;
import io.influmeter.events.AttributionMethod;
import io.influmeter.events.AttributionModel;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ReferralLink;
import io.influmeter.schemas.DeadLetters;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedServices.class)
class AttributionKafkaRoundTripIT {

  private final BuiltInSchemaRegistry registry = new BuiltInSchemaRegistry();

  @Test
  void theJobReadsTheCatalogsWireFormatAndWritesKeyedAttributionsAndDeadLetters(
      EmbeddedKafka kafka, EmbeddedFlink flink) throws Exception {
    AttributionJobConfig.TopicNames topics = createTopics(kafka);

    ReferralLink murugi =
        Fixtures.percentLink(
            UUID.randomUUID(), "camp-1", "murugi", "MURUGI25", AttributionModel.LAST_CLICK);
    ClickEvent click = Fixtures.click(murugi, Fixtures.day(1), "visitor-1", false);
    ConversionEvent byClick = Fixtures.order("o-1", Fixtures.day(2), 10_000, click.getClickId());
    ConversionEvent byCode = Fixtures.order("o-2", Fixtures.day(2), 20_000, null, "murugi25");
    // A later event on every input moves the watermark past the orders.
    ClickEvent later = Fixtures.click(murugi, Fixtures.day(9), "visitor-2", false);
    ConversionEvent laterOrder = Fixtures.order("o-3", Fixtures.day(9), 1, null);
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      sendEvents(
          producer,
          topics,
          murugi,
          List.of(click, later),
          List.of(byClick, byCode, byCode, laterOrder));
      send(
          producer,
          topics.conversions(),
          "store-1:garbage",
          "not avro".getBytes(StandardCharsets.UTF_8));
      producer.flush();
    }

    JobClient job = AttributionJob.start(flink.environment(), config(kafka, topics));
    try {
      Map<String, AttributedConversion> attributions =
          consume(kafka, topics.attributions(), 2, record -> decode(topics.attributions(), record));
      assertThat(attributions).containsOnlyKeys("store-1:o-1", "store-1:o-2");
      assertThat(attributions.get("store-1:o-1").getMethod()).isEqualTo(AttributionMethod.CLICK_ID);
      assertThat(attributions.get("store-1:o-1").getCommissionMinor()).isEqualTo(1_000);
      assertThat(attributions.get("store-1:o-2").getMethod())
          .isEqualTo(AttributionMethod.PROMO_CODE);
      assertThat(attributions.get("store-1:o-2").getRevision()).isEqualTo(1);

      Map<String, Map<String, String>> deadLetters =
          consume(
              kafka,
              topics.conversions() + ".dlq",
              1,
              record -> DeadLetters.read(record.headers()));
      assertThat(deadLetters).containsOnlyKeys("store-1:garbage");
      assertThat(deadLetters.get("store-1:garbage"))
          .containsEntry(DeadLetters.SOURCE_TOPIC, topics.conversions())
          .containsEntry(DeadLetters.STAGE, "decode")
          .containsKey(DeadLetters.REASON);
    } finally {
      job.cancel().get();
    }
  }

  @Test
  void theLastOrderBeforeEveryInputGoesQuietIsAttributedWithinTheMaxHold(
      EmbeddedKafka kafka, EmbeddedFlink flink) throws Exception {
    AttributionJobConfig.TopicNames topics = createTopics(kafka);
    ReferralLink murugi =
        Fixtures.percentLink(
            UUID.randomUUID(), "camp-1", "murugi", "MURUGI25", AttributionModel.LAST_CLICK);
    ClickEvent click = Fixtures.click(murugi, Fixtures.day(1), "visitor-1", false);
    ConversionEvent order = Fixtures.order("o-9", Fixtures.day(2), 10_000, click.getClickId());
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      sendEvents(producer, topics, murugi, List.of(click), List.of(order));
      producer.flush();
    }
    // Nothing follows: the watermark stays before the order's time for good.
    long started = System.nanoTime();
    JobClient job =
        AttributionJob.start(
            flink.environment(), config(kafka, topics).withMaxOrderHold(Duration.ofSeconds(2)));
    try {
      Map<String, AttributedConversion> attributions =
          consume(kafka, topics.attributions(), 1, record -> decode(topics.attributions(), record));
      assertThat(attributions).containsOnlyKeys("store-1:o-9");
      assertThat(attributions.get("store-1:o-9").getMethod()).isEqualTo(AttributionMethod.CLICK_ID);
      assertThat(attributions.get("store-1:o-9").getCommissionMinor()).isEqualTo(1_000);
      // Held twice (journey, then attribution) up to 2 s each, then a checkpoint commit.
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
    } finally {
      job.cancel().get();
    }
  }

  private static AttributionJobConfig.TopicNames createTopics(EmbeddedKafka kafka) {
    AttributionJobConfig.TopicNames topics = Fixtures.uniqueTopics();
    for (String topic :
        List.of(topics.clicks(), topics.conversions(), topics.links(), topics.ledger())) {
      kafka.createTopic(topic, 2, Map.of());
    }
    kafka.createTopic(topics.attributions(), 2, Topics.ATTRIBUTIONS.configs());
    kafka.createTopic(topics.conversions() + ".dlq", 2, Map.of());
    return topics;
  }

  private void sendEvents(
      KafkaProducer<byte[], byte[]> producer,
      AttributionJobConfig.TopicNames topics,
      ReferralLink link,
      List<ClickEvent> clicks,
      List<ConversionEvent> conversions) {
    sendAll(producer, Topics.REFERRAL_LINKS, topics.links(), List.of(link), Topics::keyOf);
    sendAll(producer, Topics.CLICKS, topics.clicks(), clicks, Topics::keyOf);
    sendAll(producer, Topics.CONVERSIONS, topics.conversions(), conversions, Topics::keyOf);
  }

  private <T extends org.apache.avro.specific.SpecificRecord> void sendAll(
      KafkaProducer<byte[], byte[]> producer,
      io.influmeter.schemas.TopicSpec<T> spec,
      String topic,
      List<T> values,
      java.util.function.Function<T, String> key) {
    for (T value : values) {
      send(producer, topic, key.apply(value), encode(spec, topic, value));
    }
  }

  private static AttributionJobConfig config(
      EmbeddedKafka kafka, AttributionJobConfig.TopicNames topics) {
    return Fixtures.exactlyOnce(
        kafka.bootstrapServers(), topics, Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  private <T extends org.apache.avro.specific.SpecificRecord> byte[] encode(
      io.influmeter.schemas.TopicSpec<T> spec, String topic, T value) {
    return Serdes.forTopic(spec, registry).encode(topic, value);
  }

  private AttributedConversion decode(String topic, ConsumerRecord<byte[], byte[]> record) {
    AvroSerde<AttributedConversion> serde = Serdes.forTopic(Topics.ATTRIBUTIONS, registry);
    return serde.decode(topic, record.partition(), record.offset(), record.value());
  }

  private static KafkaProducer<byte[], byte[]> producer(EmbeddedKafka kafka) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private static void send(
      KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
  }

  /** Reads committed records until {@code expected} distinct keys arrived (or 90 s passed). */
  private static <T> Map<String, T> consume(
      EmbeddedKafka kafka,
      String topic,
      int expected,
      java.util.function.Function<ConsumerRecord<byte[], byte[]>, T> value) {
    Map<String, T> byKey = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record :
        KafkaIo.readCommitted(
            kafka, topic, read -> distinctKeys(read) >= expected, Duration.ofSeconds(90))) {
      byKey.put(new String(record.key(), StandardCharsets.UTF_8), value.apply(record));
    }
    return byKey;
  }

  private static long distinctKeys(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream()
        .map(record -> new String(record.key(), StandardCharsets.UTF_8))
        .distinct()
        .count();
  }
}
