package io.influmeter.jobs.common;

import io.influmeter.schemas.serde.TrustedEventClasses;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.types.Either;

/**
 * Flink type information for the generated Avro records: Flink's Avro serializer (never Kryo),
 * after trusting the generated package so Avro 1.12 may instantiate our classes.
 */
public final class AvroTypes {

  private AvroTypes() {}

  /** Avro type information of a generated record class. */
  public static <T extends SpecificRecordBase> TypeInformation<T> of(Class<T> type) {
    TrustedEventClasses.install();
    return new AvroTypeInfo<>(type);
  }

  /** Type of a decoded Kafka record: a dead letter (left) or the record (right). */
  public static <T extends SpecificRecordBase> TypeInformation<Either<DeadLetter, T>> decoded(
      Class<T> type) {
    return new EitherTypeInfo<>(TypeInformation.of(DeadLetter.class), of(type));
  }
}
