package io.influmeter.jobs.common;

import java.util.Properties;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * Sink-v2 Kafka sinks. With {@link DeliveryGuarantee#EXACTLY_ONCE} each sink writes in Kafka
 * transactions committed on checkpoints, under {@code transactionalIdPrefix + "-" + name}: the name
 * must be unique per sink within the job and stable across restarts.
 */
public final class KafkaSinks {

  // At most the broker's transaction.max.timeout.ms (15 min by default); long enough to survive a
  // restart that takes a few checkpoint intervals before the pending transaction is committed.
  static final String TRANSACTION_TIMEOUT_MS = "900000";

  private KafkaSinks() {}

  /** A sink of Avro records to {@code topic}, keyed by {@code keyOf}. */
  public static <T extends SpecificRecordBase> KafkaSink<T> avro(
      KafkaJobSettings settings,
      String topic,
      Class<T> type,
      KeySelector<T, String> keyOf,
      String name) {
    return build(
        settings, new AvroKafkaSerializer<>(topic, type, keyOf, settings.registry()), name);
  }

  /** A sink of dead letters, each to its {@code <sourceTopic>.dlq}. */
  public static KafkaSink<DeadLetter> deadLetters(KafkaJobSettings settings, String name) {
    return build(settings, new DeadLetterSerializer(), name);
  }

  private static <T> KafkaSink<T> build(
      KafkaJobSettings settings, KafkaRecordSerializationSchema<T> serializer, String name) {
    Properties producer = new Properties();
    // Idempotence keeps retries from duplicating or reordering within a partition.
    producer.setProperty("enable.idempotence", "true");
    producer.setProperty("acks", "all");
    // lz4: cheap on CPU (two cores), good on Avro.
    producer.setProperty("compression.type", "lz4");
    // Bigger batches than the 16 KB default: fewer requests and compression frames per record. The
    // linger stays at Kafka's 5 ms, so early engagement rows are not held back noticeably.
    producer.setProperty("batch.size", "131072");
    producer.setProperty("linger.ms", "5");
    producer.setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
    // No fixed client.id: the sink runs several producers per subtask (one per open transaction),
    // and equal ids collide in JMX; Kafka numbers them itself.
    return KafkaSink.<T>builder()
        .setBootstrapServers(settings.bootstrapServers())
        .setDeliveryGuarantee(settings.deliveryGuarantee())
        .setTransactionalIdPrefix(settings.transactionalIdPrefix() + "-" + name)
        .setKafkaProducerConfig(producer)
        .setRecordSerializer(serializer)
        .build();
  }
}
