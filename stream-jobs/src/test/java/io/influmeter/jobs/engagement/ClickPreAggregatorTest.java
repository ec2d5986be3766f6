package io.influmeter.jobs.engagement;

import static io.influmeter.jobs.engagement.EngagementFixtures.T0;
import static io.influmeter.jobs.engagement.EngagementFixtures.at;
import static io.influmeter.jobs.engagement.EngagementWindowFunctionTest.click;
import static io.influmeter.jobs.engagement.EngagementWindowFunctionTest.money;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClickPreAggregatorTest {

  private static final long LATENESS = Duration.ofMinutes(2).toMillis();
  private static final long MINUTE = 60_000L;

  private ClickPreAggregator aggregator;
  private OneInputStreamOperatorTestHarness<EngagementContribution, EngagementContribution> harness;

  @BeforeEach
  void openHarness() throws Exception {
    aggregator = new ClickPreAggregator(100, 3, LATENESS);
    harness = new OneInputStreamOperatorTestHarness<>(aggregator);
    harness.setProcessingTime(1_000);
    harness.open();
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  @Test
  void clicksOfOneRowAndMinuteBecomeOneContributionWithTheirDistinctVisitorsBeforeTheWatermark()
      throws Exception {
    send(click("c1", "i1", at(1), "v1"));
    send(click("c1", "i1", at(2), "v2"));
    send(click("c1", "i1", at(3), "v1"));
    EngagementContribution bot = click("c1", "i1", at(4), null);
    bot.botClicks = 1;
    send(bot);
    send(click("c1", "i1", at(61), "v1"));
    assertThat(harness.getOutput()).isEmpty();
    assertThat(aggregator.bundledRows()).isEqualTo(2);

    harness.processWatermark(new Watermark(T0.toEpochMilli() + 5_000));

    List<Object> output = new ArrayList<>(harness.getOutput());
    assertThat(output).hasSize(3);
    assertThat(output.get(2)).isEqualTo(new Watermark(T0.toEpochMilli() + 5_000));
    Map<Long, EngagementContribution> byMinute =
        contributions(output).stream().collect(Collectors.toMap(c -> c.eventTime / MINUTE, c -> c));
    EngagementContribution first = byMinute.get(at(1).toEpochMilli() / MINUTE);
    assertThat(first.clicks).isEqualTo(4);
    assertThat(first.botClicks).isEqualTo(1);
    assertThat(first.visitorId).isNull();
    assertThat(first.visitorHashes)
        .containsExactlyInAnyOrder(VisitorHashes.of("v1"), VisitorHashes.of("v2"));
    assertThat(byMinute.get(at(61).toEpochMilli() / MINUTE).visitorHashes)
        .containsExactly(VisitorHashes.of("v1"));
    assertThat(aggregator.bundledRows()).isZero();
  }

  @Test
  void aBundleIsEmittedAfterItsIntervalWhenFullAndBeforeACheckpointBarrier() throws Exception {
    send(click("c1", "i1", at(1), "v1"));
    harness.setProcessingTime(1_099);
    assertThat(harness.getOutput()).isEmpty();
    harness.setProcessingTime(1_100);
    assertThat(contributions(harness.getOutput())).hasSize(1);

    harness.getOutput().clear();
    send(click("c1", "i1", at(1), "v1"));
    send(click("c2", "i1", at(1), "v1"));
    send(click("c3", "i1", at(1), "v1"));
    assertThat(contributions(harness.getOutput())).as("three rows: full").hasSize(3);

    harness.getOutput().clear();
    send(click("c1", "i1", at(1), "v1"));
    harness.prepareSnapshotPreBarrier(7);
    assertThat(contributions(harness.getOutput())).hasSize(1);
    assertThat(aggregator.bundledRows()).isZero();
  }

  @Test
  void possiblyLateClicksMoneyAndBadRowKeysPassThroughAloneAndAtOnce() throws Exception {
    harness.processWatermark(new Watermark(T0.toEpochMilli() + MINUTE - 1 + LATENESS));
    harness.getOutput().clear();
    EngagementContribution late = click("c1", "i1", at(1), "v1");
    EngagementContribution order = money("c1", "i1", at(70), 1_000, "KES");
    EngagementContribution badKey = click("c:1", "i1", at(70), "v1");
    send(late);
    send(order);
    send(badKey);
    assertThat(contributions(harness.getOutput())).containsExactly(late, order, badKey);
    assertThat(aggregator.bundledRows()).isZero();
  }

  private void send(EngagementContribution contribution) throws Exception {
    harness.processElement(new StreamRecord<>(contribution, contribution.eventTime));
  }

  private static List<EngagementContribution> contributions(Iterable<Object> output) {
    List<EngagementContribution> values = new ArrayList<>();
    for (Object item : output) {
      if (item instanceof StreamRecord<?> record) {
        values.add((EngagementContribution) record.getValue());
      }
    }
    return values;
  }
}
