package io.influmeter.jobs.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class EngagementJobGraphTest {

  @Test
  void theKafkaWiredJobBuildsAJobGraphWithStableUidsAndNoKryoFallback() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    // build() disables generic types, so a Kryo fallback anywhere fails serializer creation here.
    EngagementJob.build(env, EngagementJobConfig.defaults("localhost:9092"));

    JobGraph graph = env.getStreamGraph().getJobGraph();

    assertThat(graph.getMaximumParallelism()).isEqualTo(2);
    assertThat(graph.getVertices())
        .extracting(JobVertex::getName)
        .anySatisfy(name -> assertThat(name).contains("engagement windows"))
        .anySatisfy(name -> assertThat(name).contains("social deltas"));
  }
}
