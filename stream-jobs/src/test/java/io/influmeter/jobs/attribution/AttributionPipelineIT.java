package io.influmeter.jobs.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AttributionPipelineIT {

  static final int SEEDS = 20;

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @Test
  void theJobsTotalsPerInfluencerAndCampaignEqualABatchRecomputationForEverySeed()
      throws Exception {
    List<AttributionScenario> scenarios =
        LongStream.rangeClosed(1, SEEDS).mapToObj(AttributionScenario::new).toList();

    PipelineRun run =
        PipelineRun.run(
            StreamExecutionEnvironment.getExecutionEnvironment(),
            scenarios,
            UnaryOperator.identity(),
            false);

    long orphans = 0;
    for (AttributionScenario scenario : scenarios) {
      BatchAttribution batch =
          new BatchAttribution(scenario, PipelineRun.config().maxLookback().toMillis());
      Totals expected = batch.totals();
      String prefix = "s" + scenario.seed + "-";
      assertThat(Totals.ofFinalStates(run.attributions, prefix))
          .as("seed %d", scenario.seed)
          .isEqualTo(expected);
      assertThat(
              Totals.sum(
                  run.ledger.stream()
                      .filter(delta -> delta.getStoreId().startsWith(prefix))
                      .toList(),
                  false))
          .as("ledger of seed %d", scenario.seed)
          .isEqualTo(expected);
      orphans += batch.orphanAdjustments();
    }
    assertThat(run.deadLetters).hasSize((int) orphans);
    assertThat(run.attributions)
        .as("revisions of one order are consecutive from 1")
        .allSatisfy(state -> assertThat(state.getRevision()).isPositive());
  }
}
