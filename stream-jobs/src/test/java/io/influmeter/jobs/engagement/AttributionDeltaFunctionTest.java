package io.influmeter.jobs.engagement;

import static io.influmeter.jobs.engagement.EngagementFixtures.at;
import static io.influmeter.jobs.engagement.EngagementFixtures.credit;
import static io.influmeter.jobs.engagement.EngagementFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.events.AttributedConversion;
import io.influmeter.schemas.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttributionDeltaFunctionTest {

  private static final Duration RETENTION = Duration.ofDays(35);

  private KeyedOneInputStreamOperatorTestHarness<
          String, AttributedConversion, EngagementContribution>
      harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new AttributionDeltaFunction(RETENTION), Topics::keyOf, Types.STRING);
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  @Test
  void theFirstStateOfAnOrderAddsOneConversionAndItsCreditsAtTheOrderTimeToBothRows()
      throws Exception {
    send(
        order(
            "c1",
            "o1",
            1,
            at(10),
            at(12),
            10_000,
            0,
            false,
            List.of(credit("i1", 600_000, 6_000, 600), credit("i2", 400_000, 4_000, 400))));

    List<EngagementContribution> changes = drain();
    assertThat(changes).hasSize(4);
    assertThat(changes)
        .allSatisfy(
            change -> {
              assertThat(change.conversions).isEqualTo(1);
              assertThat(change.eventTime).isEqualTo(at(10).toEpochMilli());
              assertThat(change.currency).isEqualTo("KES");
            });
    assertThat(changes)
        .filteredOn(change -> change.influencerId.equals("i1"))
        .extracting(change -> change.campaignId)
        .containsExactlyInAnyOrder("c1", EngagementWindowFunction.ALL_CAMPAIGNS);
    assertThat(changes)
        .filteredOn(change -> change.campaignId.equals("c1"))
        .extracting(change -> change.revenueMinor + "/" + change.commissionMinor)
        .containsExactlyInAnyOrder("6000/600", "4000/400");
  }

  @Test
  void aRefundRevisionSubtractsEachCreditsDifferenceAndCountsOneRefundAtTheTimeOfTheChange()
      throws Exception {
    send(
        order(
            "c1",
            "o1",
            1,
            at(10),
            at(10),
            10_000,
            0,
            false,
            List.of(credit("i1", 1_000_000, 10_000, 1_000))));
    drain();
    send(
        order(
            "c1",
            "o1",
            2,
            at(10),
            at(900),
            10_000,
            2_500,
            false,
            List.of(credit("i1", 1_000_000, 7_500, 750))));

    assertThat(drain())
        .hasSize(2)
        .allSatisfy(
            change -> {
              assertThat(change.conversions).isZero();
              assertThat(change.refunds).isEqualTo(1);
              assertThat(change.revenueMinor).isEqualTo(-2_500);
              assertThat(change.commissionMinor).isEqualTo(-250);
              assertThat(change.eventTime).isEqualTo(at(900).toEpochMilli());
            });
  }

  @Test
  void aRevisionNotNewerThanTheLastAppliedOneIsIgnored() throws Exception {
    AttributedConversion first =
        order(
            "c1",
            "o1",
            1,
            at(10),
            at(10),
            10_000,
            0,
            false,
            List.of(credit("i1", 1_000_000, 10_000, 1_000)));
    send(first);
    send(first);
    assertThat(drain()).hasSize(2);
  }

  @Test
  void anUnattributedOrderContributesNothing() throws Exception {
    send(order(null, "o1", 1, at(10), at(10), 10_000, 0, false, List.of()));
    assertThat(drain()).isEmpty();
  }

  @Test
  void theOrdersStateAndTimerAreClearedOnceTheRetentionAfterItsLastChangeHasPassed()
      throws Exception {
    send(
        order(
            "c1",
            "o1",
            1,
            at(10),
            at(10),
            10_000,
            0,
            false,
            List.of(credit("i1", 1_000_000, 10_000, 1_000))));
    send(
        order(
            "c1",
            "o1",
            2,
            at(10),
            at(100),
            10_000,
            0,
            true,
            List.of(credit("i1", 1_000_000, 0, 0))));
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark(at(100).toEpochMilli() + RETENTION.toMillis() - 1);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

    harness.processWatermark(at(100).toEpochMilli() + RETENTION.toMillis());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  private void send(AttributedConversion attribution) throws Exception {
    harness.processElement(attribution, EngagementJob.attributionTime(attribution, 0L));
  }

  private List<EngagementContribution> drain() {
    List<EngagementContribution> changes = List.copyOf(harness.extractOutputValues());
    harness.getOutput().clear();
    return changes;
  }
}
