package io.influmeter.jobs.common;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** FLIP-27 Kafka sources of the catalog's Avro topics. */
public final class KafkaSources {

  private KafkaSources() {}

  /**
   * A source of one Avro topic that never fails on bad bytes (see {@link AvroKafkaDeserializer}).
   * Starts from the group's committed offsets (earliest on a new group), commits offsets on
   * checkpoints (for lag monitoring only: the checkpoint holds the truth), reads only committed
   * transactional data, and discovers new partitions every minute.
   */
  public static <T extends SpecificRecordBase> KafkaSource<Either<DeadLetter, T>> avro(
      KafkaJobSettings settings, String topic, Class<T> type) {
    KafkaSourceBuilder<Either<DeadLetter, T>> builder =
        KafkaSource.<Either<DeadLetter, T>>builder()
            .setBootstrapServers(settings.bootstrapServers())
            .setTopics(topic)
            .setGroupId(settings.groupId())
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setDeserializer(new AvroKafkaDeserializer<>(type, settings.registry()))
            .setProperty("isolation.level", "read_committed")
            .setProperty("partition.discovery.interval.ms", "60000")
            .setProperty("commit.offsets.on.checkpoint", "true")
            .setProperty("client.id.prefix", settings.groupId() + "-" + topic);
    if (settings.stopAtLatest()) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }
}
