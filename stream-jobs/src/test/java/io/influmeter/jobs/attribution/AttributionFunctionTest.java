package io.influmeter.jobs.attribution;

import static io.influmeter.jobs.attribution.Fixtures.cancel;
import static io.influmeter.jobs.attribution.Fixtures.click;
import static io.influmeter.jobs.attribution.Fixtures.day;
import static io.influmeter.jobs.attribution.Fixtures.order;
import static io.influmeter.jobs.attribution.Fixtures.percentLink;
import static io.influmeter.jobs.attribution.Fixtures.refund;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.AttributionMethod;
import io.influmeter.events.AttributionModel;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ReferralLink;
import io.influmeter.jobs.common.DeadLetter;
import java.util.UUID;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttributionFunctionTest {

  private final ReferralLink murugi =
      percentLink(UUID.randomUUID(), "camp-1", "murugi", "MURUGI25", AttributionModel.LAST_CLICK);
  private KeyedBroadcastOperatorTestHarness<
          String, ConversionInput, ReferralLink, AttributedConversion>
      harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness = Harnesses.attribution();
    harness.processBroadcastElement(murugi, murugi.getUpdatedAt().toEpochMilli());
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  private void send(ConversionEvent event, ClickEvent click) throws Exception {
    ConversionInput input = ConversionInput.of(event);
    if (click != null) {
      input.visitorTag = ClickTouch.of(click).visitorTag;
    }
    harness.processElement(input, event.getEventTime().toEpochMilli());
  }

  private void watermark(double days) throws Exception {
    harness.watermark(day(days).toEpochMilli());
  }

  @Test
  void anOrderWithAVerifiedClickIdIsAttributedToTheClickedLinkAndPricedByItsCampaign()
      throws Exception {
    ClickEvent click = click(murugi, day(1), "visitor-1", false);
    send(order("o-1", day(2), 12_345, click.getClickId()), click);
    assertThat(harness.extractOutputValues()).isEmpty(); // waits for the watermark

    watermark(2);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            state -> {
              assertThat(state.getMethod()).isEqualTo(AttributionMethod.CLICK_ID);
              assertThat(state.getCampaignId()).isEqualTo("camp-1");
              assertThat(state.getNetAmountMinor()).isEqualTo(12_345);
              assertThat(state.getCommissionMinor()).isEqualTo(1_235); // 10% rounded half up
              assertThat(state.getCredits()).hasSize(1);
              assertThat(state.getCredits().get(0).getInfluencerId()).isEqualTo("murugi");
              assertThat(state.getCredits().get(0).getSharePpm()).isEqualTo(1_000_000);
              assertThat(state.getBillable()).isTrue();
              assertThat(state.getRevision()).isEqualTo(1);
            });
    assertThat(Harnesses.side(harness, AttributionState.LEDGER))
        .singleElement()
        .satisfies(delta -> assertThat(delta.getCommissionMinor()).isEqualTo(1_235));
  }

  @Test
  void aDuplicateOfTheSameOrderProducesNothingNew() throws Exception {
    ConversionEvent order = order("o-1", day(2), 10_000, null, "murugi25");
    send(order, null);
    send(order, null);
    watermark(2);
    send(order, null);
    watermark(3);

    assertThat(harness.extractOutputValues()).hasSize(1);
  }

  @Test
  void aRefundArrivingBeforeItsOrderIsAppliedOnceTheOrderIsAttributedAndStateEndsEmpty()
      throws Exception {
    ClickEvent click = click(murugi, day(1), "visitor-1", false);
    send(refund("o-1", "r-1", day(5), 2_500), null);
    send(refund("o-1", "r-1", day(5), 2_500), null); // redelivered: counts once
    send(order("o-1", day(2), 10_000, click.getClickId()), click);
    watermark(2);

    assertThat(harness.extractOutputValues())
        .extracting(
            AttributedConversion::getRevision,
            AttributedConversion::getNetAmountMinor,
            AttributedConversion::getCommissionMinor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, 10_000L, 1_000L),
            org.assertj.core.groups.Tuple.tuple(2L, 7_500L, 750L));
    assertThat(Harnesses.side(harness, AttributionState.LEDGER))
        .extracting(AttributedConversion::getCommissionMinor)
        .containsExactly(1_000L, -250L);

    watermark(2 + Harnesses.RETENTION.toDays());

    assertThat(Harnesses.keyedStateEntries(harness)).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(Harnesses.side(harness, AttributionState.REJECTED)).isEmpty();
  }

  @Test
  void aRefundDaysLateAndACancellationReverseTheCommission() throws Exception {
    send(order("o-1", day(2), 10_000, null, "Murugi25"), null);
    watermark(2);
    watermark(20);
    send(refund("o-1", "r-1", day(9), 1_000), null);
    send(cancel("o-1", day(21)), null);

    assertThat(harness.extractOutputValues())
        .extracting(AttributedConversion::getCommissionMinor)
        .containsExactly(1_000L, 900L, 0L);
    AttributedConversion last = harness.extractOutputValues().get(2);
    assertThat(last.getCancelled()).isTrue();
    assertThat(last.getRevision()).isEqualTo(3);
    assertThat(last.getMethod()).isEqualTo(AttributionMethod.PROMO_CODE);
    assertThat(last.getPromoCode()).isEqualTo("MURUGI25");
  }

  @Test
  void aForgedClickIdNeverAttributesAndTheOrderFallsBackToItsPromoCode() throws Exception {
    ClickEvent click = click(murugi, day(1), "visitor-1", false);
    send(order("o-1", day(2), 10_000, Fixtures.forged(click.getClickId()), "mUrUgI25"), null);
    send(order("o-2", day(2), 10_000, Fixtures.forged(click.getClickId())), null);
    watermark(2);

    assertThat(harness.extractOutputValues())
        .extracting(AttributedConversion::getOrderId, AttributedConversion::getMethod)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("o-1", AttributionMethod.PROMO_CODE),
            org.assertj.core.groups.Tuple.tuple("o-2", AttributionMethod.UNATTRIBUTED));
  }

  @Test
  void aClickOutsideTheCampaignsLookbackDoesNotAttribute() throws Exception {
    ClickEvent click = click(murugi, day(1), "visitor-1", false);
    send(order("o-1", day(32), 10_000, click.getClickId()), click);
    watermark(32);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            state -> {
              assertThat(state.getMethod()).isEqualTo(AttributionMethod.UNATTRIBUTED);
              assertThat(state.getCommissionMinor()).isZero();
              assertThat(state.getCredits()).isEmpty();
            });
  }

  @Test
  void anOrderThroughABotClickIsAttributedButNeverEarnsCommission() throws Exception {
    ClickEvent click = click(murugi, day(1), "visitor-1", true);
    send(order("o-1", day(2), 10_000, click.getClickId()), click);
    watermark(2);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            state -> {
              assertThat(state.getMethod()).isEqualTo(AttributionMethod.CLICK_ID);
              assertThat(state.getBillable()).isFalse();
              assertThat(state.getCommissionMinor()).isZero();
              assertThat(state.getCredits().get(0).getRevenueMinor()).isEqualTo(10_000);
            });
  }

  @Test
  void aRefundWhoseOrderNeverArrivesIsRejectedAfterItsTtlAndLeavesNoState() throws Exception {
    send(refund("o-404", "r-1", day(3), 500), null);
    watermark(3 + Harnesses.ADJUSTMENT_TTL.toDays());

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(Harnesses.side(harness, AttributionState.REJECTED))
        .singleElement()
        .satisfies(
            (DeadLetter letter) -> {
              assertThat(letter.sourceTopic).isEqualTo("conversions");
              assertThat(letter.keyText()).isEqualTo("store-1:o-404");
              assertThat(letter.reason).contains("REFUND for an order");
              assertThat(letter.value).isNotEmpty();
            });
    assertThat(Harnesses.keyedStateEntries(harness)).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void anOrderOlderThanTheRetentionIsRejectedNotDropped() throws Exception {
    watermark(200);
    send(order("o-old", day(1), 10_000, null), null);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(Harnesses.side(harness, AttributionState.REJECTED)).hasSize(1);
    assertThat(Harnesses.keyedStateEntries(harness)).isZero();
  }

  @Test
  void anOrderHeldLongerThanTheMaxHoldIsAttributedWithoutTheWatermark() throws Exception {
    harness.setProcessingTime(5_000);
    ClickEvent click = click(murugi, day(1), "visitor-1", false);
    send(order("o-held", day(2), 10_000, click.getClickId()), click);
    harness.setProcessingTime(5_000 + Harnesses.MAX_ORDER_HOLD.toMillis() - 1);
    assertThat(harness.extractOutputValues()).isEmpty();

    harness.setProcessingTime(5_000 + Harnesses.MAX_ORDER_HOLD.toMillis());

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            attributed -> {
              assertThat(attributed.getOrderId()).isEqualTo("o-held");
              assertThat(attributed.getRevision()).isEqualTo(1L);
            });
    watermark(3); // the event-time timer finds the order attributed already: nothing twice
    assertThat(harness.extractOutputValues()).hasSize(1);
  }
}
