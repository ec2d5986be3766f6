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
   */
  public static StreamExecutionEnvironment configure(
      StreamExecutionEnvironment env, KafkaJobSettings settings) {
    Configuration configuration = new Configuration();
    configuration.set(PipelineOptions.GENERIC_TYPES, false);
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
