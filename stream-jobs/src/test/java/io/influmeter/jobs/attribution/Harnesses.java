package io.influmeter.jobs.attribution;

import io.influmeter.events.ConversionEvent;
import io.influmeter.jobs.common.CompactStringSerializer;
import io.influmeter.jobs.common.DeadLetterEncoder;
import io.influmeter.jobs.common.SchemaRegistrySpec;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/** Harness helpers shared by the operator tests. */
final class Harnesses {

  static final Duration RETENTION = Duration.ofDays(120);
  static final Duration ADJUSTMENT_TTL = Duration.ofDays(30);
  static final Duration MAX_LOOKBACK = Duration.ofDays(90);
  static final Duration MAX_ORDER_HOLD = Duration.ofSeconds(30);

  private Harnesses() {}

  static KeyedBroadcastOperatorTestHarness<
          String,
          ConversionInput,
          io.influmeter.events.ReferralLink,
          io.influmeter.events.AttributedConversion>
      attribution() throws Exception {
    AttributionFunction function =
        new AttributionFunction(
            Fixtures.SECRETS,
            RETENTION,
            ADJUSTMENT_TTL,
            MAX_ORDER_HOLD,
            new DeadLetterEncoder<>(
                "conversions", ConversionEvent.class, SchemaRegistrySpec.builtIn()));
    KeyedBroadcastOperatorTestHarness<
            String,
            ConversionInput,
            io.influmeter.events.ReferralLink,
            io.influmeter.events.AttributedConversion>
        harness =
            new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                    function,
                    List.of(AttributionState.LINKS_BY_ID, AttributionState.LINK_IDS_BY_PROMO_CODE)),
                ConversionInput::orderKey,
                CompactStringSerializer.TYPE,
                1,
                1,
                0);
    harness.open();
    return harness;
  }

  /** Keyed state entries of every key (the heap backend counts them). */
  static int keyedStateEntries(
      org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness<?> harness) {
    return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>)
            harness.getOperator().getKeyedStateBackend())
        .numKeyValueStateEntries();
  }

  static <T> List<T> side(
      org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness<?> harness,
      OutputTag<T> tag) {
    Queue<StreamRecord<T>> records = harness.getSideOutput(tag);
    return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
  }
}
