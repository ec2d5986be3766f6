package io.influmeter.jobs.common;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Applies the settings every job shares to an environment. */
public final class JobEnvironments {

  private JobEnvironments() {}

  /**
   * Parallelism, max parallelism (fixed for the life of the state), exactly-once checkpoints
   * retained on cancellation (so a job can be restored from its last one), and no Kryo fallback:
   * every type must be a Flink POJO, a basic type or Avro.
   *
   * <p>Object reuse is on: chained operators hand records over by reference instead of deep-copying
   * each (Avro's deep copy was a fifth of a pass-through job's CPU). Safe here because no function
   * modifies a record after emitting it or keeps a reference to an input it receives from a chained
   * operator: every stateful function sits behind a {@code keyBy}, whose network exchange always
   * deserializes a fresh object.
   *
   * <p>State lives on the heap ({@code hashmap} backend): the engagement windows keep each window's
   * visitor set as one map value, updated in place (on RocksDB each click would rewrite the whole
   * set). Jobs with large state pass their {@link StateBackendKind} to {@link
   * #configure(StreamExecutionEnvironment, KafkaJobSettings, StateBackendKind)}.
   */
  public static StreamExecutionEnvironment configure(
      StreamExecutionEnvironment env, KafkaJobSettings settings) {
    return configure(env, settings, StateBackendKind.HASHMAP);
  }

  /** Like {@link #configure(StreamExecutionEnvironment, KafkaJobSettings)} with a state backend. */
  public static StreamExecutionEnvironment configure(
      StreamExecutionEnvironment env, KafkaJobSettings settings, StateBackendKind stateBackend) {
    Configuration configuration = new Configuration();
    configuration.set(PipelineOptions.GENERIC_TYPES, false);
    configuration.set(PipelineOptions.OBJECT_REUSE, true);
    stateBackend.applyTo(configuration);
    configuration.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    env.configure(configuration);
    env.setParallelism(settings.parallelism());
    env.setMaxParallelism(settings.maxParallelism());
    env.enableCheckpointing(
        settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    return env;
  }
}
