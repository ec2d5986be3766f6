package io.influmeter.jobs.engagement;

import static io.influmeter.jobs.engagement.EngagementFixtures.at;
import static io.influmeter.jobs.engagement.EngagementFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.events.SocialMetricSnapshot;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SocialDeltaFunctionTest {

  private static final Duration RETENTION = Duration.ofDays(7);

  private KeyedOneInputStreamOperatorTestHarness<
          String, SocialMetricSnapshot, EngagementContribution>
      harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new SocialDeltaFunction(RETENTION), SocialDeltaFunction::keyOf, Types.STRING);
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  @Test
  void theFirstSnapshotGivesNoDeltaAndTheNextGivesEachCountersChangeIncludingDecreases()
      throws Exception {
    send(snapshot("i1", null, null, at(0), 1_000L, 5_000L, 300L, 40L, 10L, null));
    assertThat(drain()).isEmpty();

    send(snapshot("i1", null, null, at(300), 990L, 5_600L, 330L, 38L, 12L, null));

    assertThat(drain())
        .singleElement()
        .satisfies(
            delta -> {
              assertThat(delta.campaignId).isEqualTo(EngagementWindowFunction.ALL_CAMPAIGNS);
              assertThat(delta.eventTime).isEqualTo(at(300).toEpochMilli());
              assertThat(delta.followersDelta).isEqualTo(-10);
              assertThat(delta.viewsDelta).isEqualTo(600);
              assertThat(delta.likesDelta).isEqualTo(30);
              assertThat(delta.commentsDelta).isEqualTo(-2);
              assertThat(delta.sharesDelta).isEqualTo(2);
              assertThat(delta.reachDelta).isZero();
              assertThat(delta.viewsReported).isTrue();
              assertThat(delta.reachReported).isFalse();
            });
  }

  @Test
  void contentSnapshotsOfACampaignGoToTheCampaignRowAndContentWithoutCampaignIsIgnored()
      throws Exception {
    send(snapshot("i1", "c1", "video-1", at(0), null, 100L, 10L, 1L, 0L, null));
    send(snapshot("i1", "c1", "video-1", at(60), null, 150L, 12L, 1L, 1L, null));
    send(snapshot("i1", null, "video-2", at(0), null, 100L, 10L, 1L, 0L, null));
    send(snapshot("i1", null, "video-2", at(60), null, 180L, 10L, 1L, 0L, null));

    assertThat(drain())
        .singleElement()
        .satisfies(
            delta -> {
              assertThat(delta.campaignId).isEqualTo("c1");
              assertThat(delta.viewsDelta).isEqualTo(50);
            });
  }

  @Test
  void aSnapshotNotNewerThanTheLastOneGoesToTheStaleSideOutput() throws Exception {
    send(snapshot("i1", null, null, at(300), 1_000L, null, null, null, null, 50L));
    send(snapshot("i1", null, null, at(0), 900L, null, null, null, null, 40L));
    assertThat(drain()).isEmpty();
    assertThat(harness.getSideOutput(EngagementState.STALE_SNAPSHOTS)).hasSize(1);
  }

  @Test
  void anAccountsLastSnapshotAndTimerAreClearedOnceItWasNotPolledForTheRetention()
      throws Exception {
    send(snapshot("i1", null, null, at(0), 1_000L, null, null, null, null, null));
    send(snapshot("i1", null, null, at(60), 1_001L, null, null, null, null, null));
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark(at(60).toEpochMilli() + RETENTION.toMillis());

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  private void send(SocialMetricSnapshot snapshot) throws Exception {
    harness.processElement(snapshot, snapshot.getCapturedAt().toEpochMilli());
  }

  private List<EngagementContribution> drain() {
    List<EngagementContribution> deltas = List.copyOf(harness.extractOutputValues());
    harness.getOutput().clear();
    return deltas;
  }
}
