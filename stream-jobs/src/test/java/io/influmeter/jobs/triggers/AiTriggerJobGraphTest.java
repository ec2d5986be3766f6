package io.influmeter.jobs.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class AiTriggerJobGraphTest {

  @Test
  void theKafkaWiredJobBuildsAJobGraphWithStableUidsAndNoKryoFallback() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    // build() disables generic types, so a Kryo fallback anywhere fails serializer creation here.
    AiTriggerJob.build(env, AiTriggerJobConfig.defaults("localhost:9092"));

    JobGraph graph = env.getStreamGraph().getJobGraph();

    assertThat(graph.getMaximumParallelism()).isEqualTo(2);
    assertThat(graph.getVertices())
        .extracting(JobVertex::getName)
        .anySatisfy(name -> assertThat(name).contains("campaign triggers"))
        .anySatisfy(name -> assertThat(name).contains("referral-links"));
  }
}
