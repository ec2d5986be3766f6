package io.influmeter.jobs.common;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where a job's output goes, injected into {@code defineWorkflow} so tests attach collecting
 * outputs ({@code stream.collectAsync()}) and {@code main} attaches Kafka sinks.
 *
 * @param <T> element type
 */
@FunctionalInterface
public interface SinkApplier<T> {

  /** Attaches the stream to its destination. */
  void applyTo(DataStream<T> stream);

  /** Attaches a Sink-v2 sink named and uid'd {@code name} (its state, e.g. transactions). */
  static <T> SinkApplier<T> of(Sink<T> sink, String name) {
    return stream -> stream.sinkTo(sink).name(name).uid(name);
  }

  /** Discards the stream (e.g. a job run without a ledger topic). */
  static <T> SinkApplier<T> discard() {
    return stream -> {};
  }
}
