package io.influmeter.jobs.triggers;

import static io.influmeter.jobs.triggers.TriggerFixtures.DAY0;
import static io.influmeter.jobs.triggers.TriggerFixtures.HOUR;
import static io.influmeter.jobs.triggers.TriggerFixtures.hourRow;
import static io.influmeter.jobs.triggers.TriggerFixtures.link;
import static io.influmeter.jobs.triggers.TriggerFixtures.minuteRow;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.events.AiTrigger;
import io.influmeter.events.AiTriggerKind;
import io.influmeter.events.TriggerFact;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CampaignTriggerFunctionTest {

  private static final long DELAY = TriggerThresholds.defaults().evaluationDelay().toMillis();
  private static final long ELEVEN = DAY0 + 11 * HOUR;

  private KeyedOneInputStreamOperatorTestHarness<String, CampaignInput, AiTrigger> harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new CampaignTriggerFunction(
                TriggerThresholds.defaults(), Map.of("c1", new CampaignBudget(10_000, "KES"))),
            CampaignInput::campaignId,
            Types.STRING);
    harness.setProcessingTime(DAY0);
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  @Test
  void earlyAndMinuteRowsScheduleNothing() throws Exception {
    send(CampaignInput.of(hourRow("c1", "a", ELEVEN, false, 500, 0, 0, 0)));
    send(CampaignInput.of(minuteRow("c1", "a", ELEVEN)));
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void anHourIsEvaluatedAfterItsEndPlusTheDelayAndEachKindIsToldOncePerDay() throws Exception {
    send(CampaignInput.of(link("c1", "murugi", null, null)));
    concentratedHour(ELEVEN);

    harness.processWatermark(ELEVEN + HOUR + DELAY - 1);
    assertThat(harness.extractOutputValues()).isEmpty();
    harness.processWatermark(ELEVEN + HOUR + DELAY);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            trigger -> {
              assertThat(trigger.getKind()).isEqualTo(AiTriggerKind.ENGAGEMENT_CONCENTRATION);
              assertThat(trigger.getTriggerId()).isEqualTo("c1:ENGAGEMENT_CONCENTRATION:" + DAY0);
              assertThat(trigger.getBrandId()).isEqualTo("brand-1");
              assertThat(trigger.getHeadline())
                  .isEqualTo(
                      "murugi and njugush generated 90% of total engagement in the last 24 hours");
            });

    concentratedHour(ELEVEN + HOUR);
    harness.processWatermark(ELEVEN + 2 * HOUR + DELAY);
    assertThat(harness.extractOutputValues()).hasSize(1);
  }

  @Test
  void aLateReEmittedHourReplacesItsFiguresInsteadOfAddingToThem() throws Exception {
    send(CampaignInput.of(link("c1", "murugi", DAY0, DAY0 + 10 * 24 * HOUR)));
    send(CampaignInput.of(hourRow("c1", "murugi", ELEVEN, true, 10, 1, 0, 3_000)));
    send(CampaignInput.of(hourRow("c1", "murugi", ELEVEN, true, 12, 2, 0, 4_000)));

    harness.processWatermark(ELEVEN + HOUR + DELAY);

    assertThat(harness.extractOutputValues())
        .filteredOn(trigger -> trigger.getKind() == AiTriggerKind.BUDGET_PACING)
        .singleElement()
        .satisfies(
            trigger ->
                assertThat(trigger.getFacts())
                    .filteredOn(fact -> fact.getName().equals("commission_spent_minor"))
                    .extracting(TriggerFact::getValue)
                    .containsExactly("4000"));
  }

  @Test
  void anEndedCampaignWithoutFiguresLeavesNoStateAndNoTimers() throws Exception {
    send(CampaignInput.of(link("c1", "murugi", DAY0, DAY0 + 14 * HOUR)));
    concentratedHour(ELEVEN);
    send(
        CampaignInput.of(
            TriggerFixtures.promoOrder("c1", "order-1", "murugi", "MURUGI25", ELEVEN + 5)));
    assertThat(harness.numKeyedStateEntries()).isPositive();

    harness.processWatermark(ELEVEN + 3 * 24 * HOUR);

    List<AiTrigger> triggers = harness.extractOutputValues();
    assertThat(triggers)
        .extracting(AiTrigger::getKind)
        .contains(AiTriggerKind.ENGAGEMENT_CONCENTRATION, AiTriggerKind.CAMPAIGN_ENDING);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  private void concentratedHour(long hourStart) throws Exception {
    send(CampaignInput.of(hourRow("c1", "murugi", hourStart, true, 500, 0, 100, 0)));
    send(CampaignInput.of(hourRow("c1", "njugush", hourStart, true, 300, 0, 0, 0)));
    send(CampaignInput.of(hourRow("c1", "wanjiku", hourStart, true, 50, 0, 0, 0)));
    send(CampaignInput.of(hourRow("c1", "otieno", hourStart, true, 50, 0, 0, 0)));
  }

  private void send(CampaignInput input) throws Exception {
    harness.processElement(input, input.eventTime());
  }
}
