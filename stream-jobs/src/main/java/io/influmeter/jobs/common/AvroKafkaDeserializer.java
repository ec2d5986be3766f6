package io.influmeter.jobs.common;

import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.RecordDecodingException;
import java.time.Clock;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes Confluent-wire-format values with the project's {@link AvroSerde}. Never throws on data:
 * undecodable bytes become a {@link DeadLetter} (left), records become the right side; {@link
 * DecodedStreams#split} separates them. Tombstones (null values) are skipped and counted: a job
 * keeps the last known state of a deleted dimension row (documented per job).
 *
 * @param <T> generated Avro class
 */
public final class AvroKafkaDeserializer<T extends SpecificRecordBase>
    implements KafkaRecordDeserializationSchema<Either<DeadLetter, T>> {

  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private final SchemaRegistrySpec registry;
  private transient AvroSerde<T> serde;
  private transient Counter tombstones;
  private transient Counter undecodable;

  public AvroKafkaDeserializer(Class<T> type, SchemaRegistrySpec registry) {
    this.type = Objects.requireNonNull(type, "type");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    serde = new AvroSerde<>(type, registry.create());
    tombstones = context.getMetricGroup().counter("tombstonesSkipped");
    undecodable = context.getMetricGroup().counter("undecodableRecords");
  }

  @Override
  public void deserialize(
      ConsumerRecord<byte[], byte[]> record, Collector<Either<DeadLetter, T>> out) {
    if (record.value() == null) {
      tombstones.inc();
      return;
    }
    try {
      T value = serde.decode(record.topic(), record.partition(), record.offset(), record.value());
      out.collect(Either.Right(value));
    } catch (RecordDecodingException | IllegalArgumentException e) {
      undecodable.inc();
      out.collect(
          Either.Left(
              DeadLetter.ofFailure(
                  record.topic(),
                  record.partition(),
                  record.offset(),
                  record.key(),
                  record.value(),
                  "decode",
                  e,
                  Clock.systemUTC().instant())));
    }
  }

  @Override
  public TypeInformation<Either<DeadLetter, T>> getProducedType() {
    return AvroTypes.decoded(type);
  }
}
