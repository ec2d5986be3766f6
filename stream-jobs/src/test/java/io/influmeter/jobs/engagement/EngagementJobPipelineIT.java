package io.influmeter.jobs.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.EngagementWindow;
import io.influmeter.events.InfluencerCredit;
import io.influmeter.events.SocialMetricSnapshot;
import io.influmeter.events.WindowGranularity;
import io.influmeter.jobs.common.AvroTypes;
import io.influmeter.jobs.common.DeadLetter;
import io.influmeter.schemas.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The EngagementJob's topology on a MiniCluster at parallelism 2 with bounded inputs: its final
 * rows equal a plain-Java batch computation over the same seeded events.
 */
class EngagementJobPipelineIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final EngagementJobConfig CONFIG = EngagementJobConfig.defaults("unused:9092");

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1L, 2L, 3L, 7L, 42L, 1234L, 99991L, 20260302L})
  void theFinalWindowsEqualABatchComputationOverTheSameEventsAtParallelismTwo(long seed)
      throws Exception {
    EngagementEventGenerator.Events events = EngagementEventGenerator.generate(seed, 500, 90);

    JobOutput output = run(events);

    Map<String, EngagementWindow> last = new LinkedHashMap<>();
    for (EngagementWindow row : output.windows) {
      last.put(Topics.keyOf(row), row);
    }
    assertThat(last.values()).allSatisfy(row -> assertThat(row.getIsFinal()).isTrue());
    Map<String, String> job = new TreeMap<>();
    last.forEach((key, row) -> job.put(key, EngagementBatch.describe(row)));
    assertThat(job).hasSizeGreaterThan(100).isEqualTo(EngagementBatch.compute(events));
    assertThat(output.deadLetters)
        .allSatisfy(letter -> assertThat(letter.stage).isEqualTo(StaleSnapshotDeadLetter.STAGE));

    // Independently of windows: each influencer's overall revenue and commission equal the sums of
    // the credits of every order's latest revision.
    Map<String, Long> revenueByInfluencer = new HashMap<>();
    Map<String, Long> commissionByInfluencer = new HashMap<>();
    for (EngagementWindow row : last.values()) {
      if (row.getCampaignId().equals("*") && row.getGranularity() == WindowGranularity.HOUR) {
        revenueByInfluencer.merge(row.getInfluencerId(), row.getRevenueMinor(), Long::sum);
        commissionByInfluencer.merge(row.getInfluencerId(), row.getCommissionMinor(), Long::sum);
      }
    }
    Map<String, AttributedConversion> latest = new HashMap<>();
    for (AttributedConversion revision : events.attributions()) {
      latest.merge(
          revision.getOrderId(), revision, (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
    }
    Map<String, Long> expectedRevenue = new HashMap<>();
    Map<String, Long> expectedCommission = new HashMap<>();
    for (AttributedConversion order : latest.values()) {
      for (InfluencerCredit credit : order.getCredits()) {
        expectedRevenue.merge(credit.getInfluencerId(), credit.getRevenueMinor(), Long::sum);
        expectedCommission.merge(credit.getInfluencerId(), credit.getCommissionMinor(), Long::sum);
      }
    }
    assertThat(revenueByInfluencer).isEqualTo(expectedRevenue);
    assertThat(commissionByInfluencer).isEqualTo(expectedCommission);
  }

  private record JobOutput(List<EngagementWindow> windows, List<DeadLetter> deadLetters) {}

  private static JobOutput run(EngagementEventGenerator.Events events) throws Exception {
    Configuration configuration = new Configuration();
    configuration.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.configure(configuration);
    env.setParallelism(2);
    env.setMaxParallelism(CONFIG.kafka().maxParallelism());
    // One emitter per input keeps each stream's order, like one Kafka partition per key.
    DataStream<ClickEvent> clicks =
        env.fromData(events.clicks(), AvroTypes.of(ClickEvent.class))
            .setParallelism(1)
            .assignTimestampsAndWatermarks(
                EngagementJob.watermarks(CONFIG, EngagementJob::clickTime))
            .setParallelism(1);
    DataStream<AttributedConversion> attributions =
        env.fromData(events.attributions(), AvroTypes.of(AttributedConversion.class))
            .setParallelism(1)
            .assignTimestampsAndWatermarks(
                EngagementJob.watermarks(CONFIG, EngagementJob::attributionTime))
            .setParallelism(1);
    DataStream<SocialMetricSnapshot> snapshots =
        env.fromData(events.snapshots(), AvroTypes.of(SocialMetricSnapshot.class))
            .setParallelism(1)
            .assignTimestampsAndWatermarks(
                EngagementJob.watermarks(CONFIG, EngagementJob::snapshotTime))
            .setParallelism(1);
    List<CloseableIterator<EngagementWindow>> windows = new ArrayList<>();
    List<CloseableIterator<DeadLetter>> deadLetters = new ArrayList<>();
    EngagementJob.defineWorkflow(
        env,
        CONFIG,
        clicks,
        attributions,
        snapshots,
        stream -> windows.add(stream.collectAsync()),
        stream -> deadLetters.add(stream.collectAsync()));
    env.executeAsync("engagement-pipeline-test");
    return new JobOutput(drain(windows.get(0)), drain(deadLetters.get(0)));
  }

  private static <T> List<T> drain(CloseableIterator<T> iterator) throws Exception {
    List<T> values = new ArrayList<>();
    try (iterator) {
      iterator.forEachRemaining(values::add);
    }
    return values;
  }
}
