package io.influmeter.jobs.attribution;

import static io.influmeter.jobs.attribution.Fixtures.click;
import static io.influmeter.jobs.attribution.Fixtures.day;
import static io.influmeter.jobs.attribution.Fixtures.order;
import static io.influmeter.jobs.attribution.Fixtures.percentLink;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.events.AttributionModel;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.ReferralLink;
import java.util.Arrays;
import java.util.UUID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VisitorJourneyFunctionTest {

  private final ReferralLink murugi =
      percentLink(UUID.randomUUID(), "camp-1", "murugi", null, AttributionModel.LINEAR);
  private final ReferralLink njugush =
      percentLink(UUID.randomUUID(), "camp-1", "njugush", null, AttributionModel.LINEAR);
  private KeyedTwoInputStreamOperatorTestHarness<Long, ClickTouch, ConversionInput, ConversionInput>
      harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
            new VisitorJourneyFunction(Harnesses.MAX_LOOKBACK, Harnesses.MAX_ORDER_HOLD),
            touch -> touch.visitorTag,
            input -> input.visitorTag,
            Types.LONG);
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  private void watermark(double days) throws Exception {
    harness.processWatermark1(
        new org.apache.flink.streaming.api.watermark.Watermark(day(days).toEpochMilli()));
    harness.processWatermark2(
        new org.apache.flink.streaming.api.watermark.Watermark(day(days).toEpochMilli()));
  }

  private void send(ClickEvent click) throws Exception {
    harness.processElement1(ClickTouch.of(click), click.getEventTime().toEpochMilli());
  }

  @Test
  void anOrderLeavesOnceTheWatermarkPassesItsTimeWithEveryEarlierClickOfTheVisitor()
      throws Exception {
    ClickEvent first = click(njugush, day(1), "visitor-1", false);
    ClickEvent converting = click(murugi, day(3), "visitor-1", false);
    ClickEvent after = click(njugush, day(5), "visitor-1", false);
    send(converting);
    ConversionInput order =
        ConversionInput.of(order("o-1", day(4), 1_000, converting.getClickId()));
    order.visitorTag = ClickTouch.of(converting).visitorTag;
    harness.processElement2(order, day(4).toEpochMilli());
    send(first); // out of order, but before the watermark passes the order
    send(after);
    assertThat(harness.extractOutputValues()).isEmpty();

    watermark(4);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            input ->
                assertThat(Arrays.stream(input.journey).map(touch -> touch.clickId))
                    .containsExactly(first.getClickId(), converting.getClickId()));
  }

  @Test
  void theVisitorsClicksAreClearedOnceTheWatermarkPassesTheNewestClickPlusTheLongestLookback()
      throws Exception {
    send(click(njugush, day(1), "visitor-1", false));
    send(click(murugi, day(10), "visitor-1", false));
    watermark(1 + Harnesses.MAX_LOOKBACK.toDays());
    // The visitor's clicks, and their times (expiry, oldest, timer); the first cleanup timer
    // fired early and was set again at the newest click's expiry.
    assertThat(Harnesses.keyedStateEntries(harness)).isEqualTo(2);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    watermark(10 + Harnesses.MAX_LOOKBACK.toDays());

    assertThat(Harnesses.keyedStateEntries(harness)).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void moreClicksOfAVisitorMoveTheExpiryButSetNoFurtherTimer() throws Exception {
    ClickEvent last = null;
    for (int i = 0; i < 50; i++) {
      last = click(i % 2 == 0 ? murugi : njugush, day(1 + i * 0.1), "visitor-1", false);
      send(last);
    }
    ConversionInput order = ConversionInput.of(order("o-2", day(6), 1_000, last.getClickId()));
    order.visitorTag = ClickTouch.of(last).visitorTag;
    harness.processElement2(order, day(6).toEpochMilli());
    // One cleanup timer for 50 clicks, one for the order.
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);

    watermark(6);
    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(input -> assertThat(input.journey).hasSize(50));

    // Past the first click's expiry, not the newest's: the clicks stay, the timer moves once.
    watermark(1 + Harnesses.MAX_LOOKBACK.toDays());
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    assertThat(Harnesses.keyedStateEntries(harness)).isEqualTo(2);

    watermark(5.9 + Harnesses.MAX_LOOKBACK.toDays());
    assertThat(Harnesses.keyedStateEntries(harness)).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void anOrderHeldLongerThanTheMaxHoldLeavesWithoutTheWatermark() throws Exception {
    // Every input has gone quiet: the watermark never reaches the order's time.
    harness.setProcessingTime(1_000);
    ClickEvent earlier = click(njugush, day(1), "visitor-1", false);
    ClickEvent converting = click(murugi, day(3), "visitor-1", false);
    send(earlier);
    send(converting);
    ConversionInput order =
        ConversionInput.of(order("o-3", day(4), 1_000, converting.getClickId()));
    order.visitorTag = ClickTouch.of(converting).visitorTag;
    harness.processElement2(order, day(4).toEpochMilli());

    harness.setProcessingTime(1_000 + Harnesses.MAX_ORDER_HOLD.toMillis() - 1);
    assertThat(harness.extractOutputValues()).isEmpty();
    harness.setProcessingTime(1_000 + Harnesses.MAX_ORDER_HOLD.toMillis());
    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(input -> assertThat(input.journey).hasSize(2));

    // The watermark, when it comes, finds nothing left to send.
    watermark(5);
    assertThat(harness.extractOutputValues()).hasSize(1);
  }

  @Test
  void holdDeadlinesAreRoundedUpToTheSecondSoTimersOfAKeyCoalesce() {
    assertThat(HoldDeadline.of(1_000, 30_000)).isEqualTo(31_000);
    assertThat(HoldDeadline.of(1_001, 30_000)).isEqualTo(32_000);
    assertThat(HoldDeadline.of(1_999, 30_000)).isEqualTo(32_000);
  }
}
