package io.influmeter.jobs.attribution;

import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.junit.TestNames;
import io.influmeter.events.AttributedConversion;
import io.influmeter.schemas.TopicSpec;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.Serdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes catalog records to and reads them from the embedded broker, as other services would. */
final class KafkaIo implements AutoCloseable {

  private final EmbeddedKafka kafka;
  private final BuiltInSchemaRegistry registry = new BuiltInSchemaRegistry();
  private final KafkaProducer<byte[], byte[]> producer;

  KafkaIo(EmbeddedKafka kafka) {
    this.kafka = kafka;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  <T extends SpecificRecord> void send(TopicSpec<T> spec, String topic, String key, T value) {
    send(topic, null, key, Serdes.forTopic(spec, registry).encode(topic, value));
  }

  <T extends SpecificRecord> void send(
      TopicSpec<T> spec, String topic, int partition, String key, T value) {
    send(topic, partition, key, Serdes.forTopic(spec, registry).encode(topic, value));
  }

  void send(String topic, Integer partition, String key, byte[] value) {
    producer.send(
        new ProducerRecord<>(topic, partition, key.getBytes(StandardCharsets.UTF_8), value));
  }

  void flush() {
    producer.flush();
  }

  AttributedConversion decodeAttribution(ConsumerRecord<byte[], byte[]> record) {
    return Serdes.forTopic(Topics.ATTRIBUTIONS, registry)
        .decode(record.topic(), record.partition(), record.offset(), record.value());
  }

  /**
   * Reads committed records of {@code topic} from the start until {@code done} holds for all read
   * so far, or {@code timeout} passes; returns them all.
   */
  List<ConsumerRecord<byte[], byte[]>> readUntil(
      String topic, Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration timeout) {
    return readCommitted(kafka, topic, done, timeout);
  }

  /**
   * Reads committed records (exactly-once sinks write in transactions) of {@code topic} from the
   * start until {@code done} holds for all read so far, or {@code timeout} passes.
   */
  static List<ConsumerRecord<byte[], byte[]>> readCommitted(
      EmbeddedKafka kafka,
      String topic,
      Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
      Duration timeout) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                TestNames.unique("reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(records) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  @Override
  public void close() {
    producer.close();
  }
}
