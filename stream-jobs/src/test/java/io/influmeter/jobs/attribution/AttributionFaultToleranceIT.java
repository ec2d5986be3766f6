package io.influmeter.jobs.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.ConversionEvent;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AttributionFaultToleranceIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @Test
  void threeInjectedFailuresAtRandomPointsChangeNoTotalAndCountNoOrderTwice() throws Exception {
    List<AttributionScenario> scenarios =
        LongStream.rangeClosed(101, 104).mapToObj(AttributionScenario::new).toList();
    FailureInjector.arm(3);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    Configuration restarts = new Configuration();
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(50));
    env.configure(restarts);

    PipelineRun run =
        PipelineRun.run(
            env,
            scenarios,
            conversions ->
                conversions
                    .map(new FailureInjector<ConversionEvent>(42, 400))
                    .returns(AttributionState.CONVERSION_EVENT)
                    .setParallelism(1)
                    .name("failure injector"),
            true);

    assertThat(FailureInjector.FAILURES_THROWN.get()).isEqualTo(3);
    for (AttributionScenario scenario : scenarios) {
      String prefix = "s" + scenario.seed + "-";
      Totals expected =
          new BatchAttribution(scenario, PipelineRun.config().maxLookback().toMillis()).totals();
      assertThat(Totals.ofFinalStates(run.attributions, prefix)).isEqualTo(expected);
      assertThat(
              Totals.sum(
                  run.ledger.stream()
                      .filter(delta -> delta.getStoreId().startsWith(prefix))
                      .toList(),
                  false))
          .as("the ledger counts no change twice")
          .isEqualTo(expected);
    }
    assertThat(
            run.attributions.stream()
                .map(AttributionFaultToleranceIT::revisionKey)
                .distinct()
                .count())
        .as("every revision of every order is emitted once")
        .isEqualTo(run.attributions.size());
  }

  private static String revisionKey(AttributedConversion state) {
    return state.getStoreId() + ":" + state.getOrderId() + "#" + state.getRevision();
  }
}
