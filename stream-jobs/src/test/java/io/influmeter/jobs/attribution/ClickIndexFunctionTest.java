package io.influmeter.jobs.attribution;

import static io.influmeter.jobs.attribution.Fixtures.click;
import static io.influmeter.jobs.attribution.Fixtures.day;
import static io.influmeter.jobs.attribution.Fixtures.order;
import static io.influmeter.jobs.attribution.Fixtures.percentLink;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.events.AttributionModel;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.ReferralLink;
import io.influmeter.jobs.common.CompactStringSerializer;
import java.util.UUID;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClickIndexFunctionTest {

  private final ReferralLink link =
      percentLink(UUID.randomUUID(), "camp-1", "murugi", null, AttributionModel.LAST_CLICK);
  private KeyedTwoInputStreamOperatorTestHarness<
          String, ClickTouch, ConversionInput, ConversionInput>
      harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
            new ClickIndexFunction(Harnesses.MAX_LOOKBACK),
            touch -> touch.clickId,
            input -> input.event.getClickId(),
            CompactStringSerializer.TYPE);
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

  private ConversionInput orderFor(ClickEvent click, double days) {
    return ConversionInput.of(order("o-1", day(days), 1_000, click.getClickId()));
  }

  @Test
  void anOrderWhoseClickIsKnownLeavesAtOnceCarryingTheClick() throws Exception {
    ClickEvent click = click(link, day(1), "visitor-1", false);
    harness.processElement1(ClickTouch.of(click), day(1).toEpochMilli());
    harness.processElement2(orderFor(click, 2), day(2).toEpochMilli());

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(input -> assertThat(input.click.visitorKey).isEqualTo("visitor-1"));
  }

  @Test
  void anOrderArrivingBeforeItsClickLeavesWhenTheClickArrivesAndNoOrderTimerIsLeft()
      throws Exception {
    ClickEvent click = click(link, day(1), "visitor-1", true);
    harness.processElement2(orderFor(click, 2), day(2).toEpochMilli());
    assertThat(harness.extractOutputValues()).isEmpty();

    harness.processElement1(ClickTouch.of(click), day(1).toEpochMilli());

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(input -> assertThat(input.click.excluded).isTrue());
    assertThat(harness.numEventTimeTimers()).isEqualTo(1); // only the click's expiry
  }

  @Test
  void anOrderWhoseClickNeverComesLeavesWithoutItOnceTheWatermarkPassesItsTime() throws Exception {
    ClickEvent click = click(link, day(1), "visitor-1", false);
    harness.processElement2(orderFor(click, 2), day(2).toEpochMilli());
    watermark(2);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(Harnesses.side(harness, AttributionState.ORDERS_WITHOUT_CLICK))
        .singleElement()
        .satisfies(input -> assertThat(input.click).isNull());
    assertThat(Harnesses.keyedStateEntries(harness)).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void aClickIsForgottenOnceTheWatermarkPassesTheLongestLookback() throws Exception {
    ClickEvent click = click(link, day(1), "visitor-1", false);
    harness.processElement1(ClickTouch.of(click), day(1).toEpochMilli());
    harness.processElement1(ClickTouch.of(click), day(1).toEpochMilli()); // duplicate
    watermark(1 + Harnesses.MAX_LOOKBACK.toDays() - 1);
    assertThat(Harnesses.keyedStateEntries(harness)).isEqualTo(1);

    watermark(1 + Harnesses.MAX_LOOKBACK.toDays());

    assertThat(Harnesses.keyedStateEntries(harness)).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
