package io.influmeter.jobs.engagement;

import static io.influmeter.jobs.engagement.EngagementFixtures.T0;
import static io.influmeter.jobs.engagement.EngagementFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.events.EngagementWindow;
import io.influmeter.events.WindowGranularity;
import io.influmeter.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EngagementWindowFunctionTest {

  private static final Duration LATENESS = Duration.ofMinutes(2);
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 3_600_000L;

  private KeyedOneInputStreamOperatorTestHarness<String, EngagementContribution, EngagementWindow>
      harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new EngagementWindowFunction(Duration.ofSeconds(1), LATENESS),
            EngagementContribution::rowKey,
            Types.STRING);
    harness.setProcessingTime(1_000);
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  @Test
  void aChangedWindowIsEmittedEarlyWithinOneSecondAndFinalOnceTheWatermarkPassesItsEnd()
      throws Exception {
    send(click("c1", "i1", at(10), "v1"));
    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

    harness.setProcessingTime(2_000);
    List<EngagementWindow> early = drain();
    assertThat(early).hasSize(2).allSatisfy(row -> assertThat(row.getIsFinal()).isFalse());
    assertThat(early)
        .extracting(EngagementWindow::getGranularity)
        .containsExactlyInAnyOrder(WindowGranularity.MINUTE, WindowGranularity.HOUR);
    assertThat(early).allSatisfy(row -> assertThat(row.getClicks()).isEqualTo(1));
    assertThat(harness.numProcessingTimeTimers()).isZero();

    harness.processWatermark(T0.toEpochMilli() + MINUTE - 1);
    List<EngagementWindow> finals = drain();
    assertThat(finals)
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.getGranularity()).isEqualTo(WindowGranularity.MINUTE);
              assertThat(row.getIsFinal()).isTrue();
              assertThat(row.getClicks()).isEqualTo(1);
              assertThat(Topics.keyOf(row))
                  .isEqualTo(
                      Topics.keyOf(
                          early.get(0).getGranularity() == WindowGranularity.MINUTE
                              ? early.get(0)
                              : early.get(1)));
            });
  }

  @Test
  void countsUniqueHumanVisitorsExactlyAndBotClicksSeparately() throws Exception {
    send(click("c1", "i1", at(1), "v1"));
    send(click("c1", "i1", at(2), "v1"));
    send(click("c1", "i1", at(3), "v2"));
    send(click("c1", "i1", at(70), "v1"));
    EngagementContribution bot = click("c1", "i1", at(4), null);
    bot.botClicks = 1;
    send(bot);

    harness.processWatermark(T0.toEpochMilli() + HOUR - 1);

    EngagementWindow firstMinute = row(drain(), WindowGranularity.MINUTE, T0);
    assertThat(firstMinute.getClicks()).isEqualTo(4);
    assertThat(firstMinute.getBotClicks()).isEqualTo(1);
    assertThat(firstMinute.getUniqueVisitors()).isEqualTo(2);
    harness.processWatermark(T0.toEpochMilli() + HOUR - 1);
  }

  @Test
  void aPreAggregatedContributionAddsItsClicksAndEachOfItsVisitorsOnce() throws Exception {
    send(click("c1", "i1", at(1), "v1"));
    EngagementContribution bundled = click("c1", "i1", at(2), null);
    bundled.clicks = 3;
    bundled.visitorHashes = new long[] {VisitorHashes.of("v1"), VisitorHashes.of("v2")};
    send(bundled);

    harness.processWatermark(T0.toEpochMilli() + HOUR - 1);

    List<EngagementWindow> rows = drain();
    for (WindowGranularity granularity : WindowGranularity.values()) {
      EngagementWindow window = row(rows, granularity, T0);
      assertThat(window.getClicks()).isEqualTo(4);
      assertThat(window.getUniqueVisitors()).isEqualTo(2);
    }
  }

  @Test
  void aLateContributionReEmitsTheFinalRowAndOneBeyondTheLatenessGoesToTheRejectedSideOutput()
      throws Exception {
    send(click("c1", "i1", at(5), "v1"));
    harness.processWatermark(T0.toEpochMilli() + MINUTE + 30_000);
    assertThat(row(drain(), WindowGranularity.MINUTE, T0).getClicks()).isEqualTo(1);

    send(click("c1", "i1", at(6), "v2"));
    harness.setProcessingTime(3_000);
    EngagementWindow reEmitted = row(drain(), WindowGranularity.MINUTE, T0);
    assertThat(reEmitted.getIsFinal()).isTrue();
    assertThat(reEmitted.getClicks()).isEqualTo(2);
    assertThat(reEmitted.getUniqueVisitors()).isEqualTo(2);

    harness.processWatermark(T0.toEpochMilli() + MINUTE - 1 + LATENESS.toMillis());
    send(click("c1", "i1", at(7), "v3"));
    assertThat(harness.getSideOutput(EngagementState.REJECTED))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.getValue().reason).isEqualTo(RejectedContribution.TOO_LATE);
              assertThat(record.getValue().granularity).isEqualTo("MINUTE");
            });
    harness.setProcessingTime(5_000);
    // The hour window still takes it: only the minute window's lateness is over.
    EngagementWindow hour = row(drain(), WindowGranularity.HOUR, T0);
    assertThat(hour.getClicks()).isEqualTo(3);
    assertThat(hour.getIsFinal()).isFalse();
  }

  @Test
  void moneyInAnotherCurrencyThanTheWindowsIsRejectedAndCounted() throws Exception {
    send(money("c1", "i1", at(1), 1_000, "KES"));
    send(money("c1", "i1", at(2), 500, "USD"));
    harness.processWatermark(T0.toEpochMilli() + HOUR - 1);
    EngagementWindow minute = row(drain(), WindowGranularity.MINUTE, T0);
    assertThat(minute.getRevenueMinor()).isEqualTo(1_000);
    assertThat(minute.getCurrency()).isEqualTo("KES");
    assertThat(harness.getSideOutput(EngagementState.REJECTED))
        .hasSize(2)
        .allSatisfy(
            record ->
                assertThat(record.getValue().reason)
                    .isEqualTo(RejectedContribution.CURRENCY_MISMATCH));
  }

  @Test
  void idsThatCannotFormARowKeyAreRejectedInsteadOfFailingTheSink() throws Exception {
    send(click("c:1", "i1", at(1), "v1"));
    assertThat(harness.getSideOutput(EngagementState.REJECTED))
        .singleElement()
        .satisfies(
            record ->
                assertThat(record.getValue().reason).isEqualTo(RejectedContribution.INVALID_ROW));
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void socialDeltasGiveTheEngagementRateOverViewsOrOverReachWhenThePlatformHasNoViews()
      throws Exception {
    EngagementContribution withViews = EngagementContribution.of("c1", "i1", at(1).toEpochMilli());
    withViews.viewsDelta = 200;
    withViews.likesDelta = 10;
    withViews.commentsDelta = 5;
    withViews.sharesDelta = 5;
    withViews.viewsReported = true;
    send(withViews);
    EngagementContribution reachOnly = EngagementContribution.of("c2", "i1", at(1).toEpochMilli());
    reachOnly.reachDelta = 40;
    reachOnly.likesDelta = 4;
    reachOnly.reachReported = true;
    send(reachOnly);
    harness.processWatermark(T0.toEpochMilli() + MINUTE - 1);
    List<EngagementWindow> rows = drain();
    assertThat(rows)
        .filteredOn(row -> row.getCampaignId().equals("c1"))
        .singleElement()
        .satisfies(row -> assertThat(row.getEngagementRate()).isEqualTo(0.1));
    assertThat(rows)
        .filteredOn(row -> row.getCampaignId().equals("c2"))
        .singleElement()
        .satisfies(row -> assertThat(row.getEngagementRate()).isEqualTo(0.1));
  }

  @Test
  void stateAndTimersAreClearedOnceTheAllowedLatenessOfEveryWindowHasPassed() throws Exception {
    send(click("c1", "i1", at(5), "v1"));
    send(click("c1", "i1", at(65), "v2"));
    assertThat(harness.numKeyedStateEntries()).isPositive();
    // End and end + lateness of two minute windows and of the hour window.
    assertThat(harness.numEventTimeTimers()).isEqualTo(6);

    harness.processWatermark(T0.toEpochMilli() + 2 * MINUTE - 1 + LATENESS.toMillis());
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);

    harness.processWatermark(T0.toEpochMilli() + HOUR - 1 + LATENESS.toMillis());
    assertThat(drain())
        .filteredOn(EngagementWindow::getIsFinal)
        .extracting(EngagementWindow::getGranularity)
        .containsExactlyInAnyOrder(
            WindowGranularity.MINUTE, WindowGranularity.MINUTE, WindowGranularity.HOUR);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  private void send(EngagementContribution contribution) throws Exception {
    harness.processElement(contribution, contribution.eventTime);
  }

  private List<EngagementWindow> drain() {
    List<EngagementWindow> rows = List.copyOf(harness.extractOutputValues());
    harness.getOutput().clear();
    return rows;
  }

  private static EngagementWindow row(
      List<EngagementWindow> rows, WindowGranularity granularity, Instant start) {
    return rows.stream()
        .filter(row -> row.getGranularity() == granularity && row.getWindowStart().equals(start))
        .reduce((first, second) -> second)
        .orElseThrow(
            () -> new AssertionError("no " + granularity + " row at " + start + ": " + rows));
  }

  static EngagementContribution click(
      String campaign, String influencer, Instant time, String visitor) {
    EngagementContribution contribution =
        EngagementContribution.of(campaign, influencer, time.toEpochMilli());
    contribution.clicks = 1;
    contribution.visitorId = visitor;
    return contribution;
  }

  static EngagementContribution money(
      String campaign, String influencer, Instant time, long revenue, String currency) {
    EngagementContribution contribution =
        EngagementContribution.of(campaign, influencer, time.toEpochMilli());
    contribution.conversions = 1;
    contribution.revenueMinor = revenue;
    contribution.currency = currency;
    return contribution;
  }
}
