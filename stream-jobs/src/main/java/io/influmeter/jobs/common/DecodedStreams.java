package io.influmeter.jobs.common;

import java.time.Duration;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;

/**
 * Turns a decoding source into the records a job works on plus their dead letters, with event-time
 * watermarks generated per Kafka partition inside the source (so one slow partition holds the
 * watermark back and an idle one does not).
 */
public final class DecodedStreams {

  private DecodedStreams() {}

  /** Records and the dead letters of one source. */
  public record Decoded<T>(DataStream<T> records, DataStream<DeadLetter> deadLetters) {}

  /**
   * Watermarks from each record's event time, bounded out-of-orderness, and idleness so a silent
   * partition stops holding the watermark back. Dead letters never move the watermark.
   */
  public static <T> WatermarkStrategy<Either<DeadLetter, T>> eventTime(
      SerializableTimestampAssigner<T> eventTime,
      Duration maxOutOfOrderness,
      Duration idleTimeout) {
    return WatermarkStrategy.<Either<DeadLetter, T>>forBoundedOutOfOrderness(maxOutOfOrderness)
        .withTimestampAssigner(
            (record, kafkaTimestamp) ->
                record.isRight()
                    ? eventTime.extractTimestamp(record.right(), kafkaTimestamp)
                    : Long.MIN_VALUE)
        .withIdleness(idleTimeout);
  }

  /**
   * Reads a decoding source and splits records from dead letters.
   *
   * @param name operator name; the source's uid is {@code name + "-source"}, the splitter's {@code
   *     name + "-decode"}
   */
  public static <T extends SpecificRecordBase> Decoded<T> read(
      StreamExecutionEnvironment env,
      Source<Either<DeadLetter, T>, ?, ?> source,
      WatermarkStrategy<Either<DeadLetter, T>> watermarks,
      Class<T> type,
      String name) {
    DataStream<Either<DeadLetter, T>> raw =
        env.fromSource(source, watermarks, name, AvroTypes.decoded(type)).uid(name + "-source");
    return split(raw, type, name);
  }

  /** Splits decoded records (main output) from dead letters ({@link CommonTags#DEAD_LETTERS}). */
  public static <T extends SpecificRecordBase> Decoded<T> split(
      DataStream<Either<DeadLetter, T>> decoded, Class<T> type, String name) {
    SingleOutputStreamOperator<T> records =
        decoded
            .process(new DeadLetterSplitter<T>())
            .returns(AvroTypes.of(type))
            .name(name + " decode")
            .uid(name + "-decode");
    return new Decoded<>(records, records.getSideOutput(CommonTags.DEAD_LETTERS));
  }

  /** Emits rights downstream and lefts to {@link CommonTags#DEAD_LETTERS}. */
  static final class DeadLetterSplitter<T> extends ProcessFunction<Either<DeadLetter, T>, T> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(Either<DeadLetter, T> value, Context context, Collector<T> out) {
      if (value.isRight()) {
        out.collect(value.right());
      } else {
        context.output(CommonTags.DEAD_LETTERS, value.left());
      }
    }
  }
}
