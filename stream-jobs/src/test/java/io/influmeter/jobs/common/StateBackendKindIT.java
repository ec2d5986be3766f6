package io.influmeter.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.state.rocksdb.RocksDBKeyedStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The state backend a job asks for is the one its keyed operators get (and RocksDB loads here). */
class StateBackendKindIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @Test
  void rocksDbKeyedStateWithIncrementalCheckpointsHoldsValues() throws Exception {
    assertThat(backendsOf(StateBackendKind.ROCKSDB)).containsOnly("rocksdb:3");
  }

  @Test
  void theHeapBackendIsTheDefault() throws Exception {
    assertThat(backendsOf(StateBackendKind.HASHMAP)).containsOnly("heap:3");
  }

  private static List<String> backendsOf(StateBackendKind kind) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobEnvironments.configure(env, KafkaJobSettings.defaults("unused:9092", "backend-test"), kind);
    List<String> seen = new ArrayList<>();
    try (CloseableIterator<String> out =
        env.fromData(1L, 2L, 3L, 1L, 2L, 3L, 1L, 2L, 3L)
            .keyBy(value -> value, Types.LONG)
            .transform("count", Types.STRING, new CountingOperator())
            .collectAsync()) {
      env.execute("state-backend-" + kind);
      out.forEachRemaining(seen::add);
    }
    // Each key's third value reports the backend and its count.
    return seen.stream().filter(line -> line.endsWith(":3")).distinct().toList();
  }

  /** Counts per key in keyed state and reports which backend holds it. */
  private static final class CountingOperator extends AbstractStreamOperator<String>
      implements OneInputStreamOperator<Long, String> {

    private transient ValueState<Long> count;

    @Override
    public void open() throws Exception {
      super.open();
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public void processElement(StreamRecord<Long> element) throws Exception {
      long next = (count.value() == null ? 0 : count.value()) + 1;
      count.update(next);
      String backend =
          getKeyedStateBackend() instanceof RocksDBKeyedStateBackend ? "rocksdb" : "heap";
      output.collect(new StreamRecord<>(backend + ":" + next));
    }
  }
}
