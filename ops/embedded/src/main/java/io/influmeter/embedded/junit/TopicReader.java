package io.influmeter.embedded.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning in tests, with a fresh consumer group each time. */
public final class TopicReader {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private TopicReader() {}

  /** String keys and raw values, until {@code atLeast} records arrived or 30 s passed. */
  public static List<ConsumerRecord<String, byte[]>> read(
      String bootstrapServers, String topic, int atLeast) {
    return read(
        bootstrapServers,
        topic,
        atLeast,
        DEFAULT_TIMEOUT,
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  /**
   * Polls {@code topic} from its earliest offsets until {@code atLeast} records arrived or {@code
   * timeout} passed, and returns what arrived (the caller asserts on the count).
   */
  public static <K, V> List<ConsumerRecord<K, V>> read(
      String bootstrapServers,
      String topic,
      int atLeast,
      Duration timeout,
      Deserializer<K> keys,
      Deserializer<V> values) {
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                TestNames.unique("reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            keys,
            values)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (records.size() < atLeast && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
