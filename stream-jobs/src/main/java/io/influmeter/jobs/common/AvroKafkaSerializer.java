package io.influmeter.jobs.common;

import io.influmeter.schemas.serde.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes records to one topic: UTF-8 string key from {@code keyOf} (use the catalog's {@code
 * Topics.keyOf}/{@code *Key} helpers, so every producer partitions alike) and the value in the
 * Confluent wire format through the project's {@link AvroSerde}.
 *
 * @param <T> generated Avro class
 */
public final class AvroKafkaSerializer<T extends SpecificRecordBase>
    implements KafkaRecordSerializationSchema<T> {

  private static final long serialVersionUID = 1L;

  private final String topic;
  private final Class<T> type;
  private final KeySelector<T, String> keyOf;
  private final SchemaRegistrySpec registry;
  private transient AvroSerde<T> serde;

  public AvroKafkaSerializer(
      String topic, Class<T> type, KeySelector<T, String> keyOf, SchemaRegistrySpec registry) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.type = Objects.requireNonNull(type, "type");
    this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void open(
      SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
    serde = new AvroSerde<>(type, registry.create());
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      T element, KafkaSinkContext context, Long timestamp) {
    String key;
    try {
      key = keyOf.getKey(element);
    } catch (Exception e) {
      throw new IllegalStateException("cannot compute the key of a " + type.getSimpleName(), e);
    }
    return new ProducerRecord<>(
        topic,
        null,
        timestamp,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        serde.encode(topic, element));
  }
}
