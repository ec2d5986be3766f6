package io.influmeter.jobs.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influmeter.jobs.common.InvalidConfigurationException;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AiTriggerJobConfigTest {

  @Test
  void budgetsAndThresholdsAreReadFromTheEnvironment() {
    AiTriggerJobConfig config =
        AiTriggerJobConfig.fromEnvironment(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                "AI_TRIGGER_CAMPAIGN_BUDGETS", "c-42=500000 KES, c-7=120000 usd",
                "AI_TRIGGER_CONCENTRATION_SHARE", "0.75",
                "AI_TRIGGER_DEDUP_PERIOD", "12h"));

    assertThat(config.budgets())
        .containsOnly(
            Map.entry("c-42", new CampaignBudget(500_000, "KES")),
            Map.entry("c-7", new CampaignBudget(120_000, "USD")));
    assertThat(config.thresholds().concentrationShare())
        .isEqualByComparingTo(new BigDecimal("0.75"));
    assertThat(config.thresholds().dedupPeriod()).hasHours(12);
  }

  @Test
  void aBadBudgetAndABadThresholdAreReportedTogether() {
    assertThatThrownBy(
            () ->
                AiTriggerJobConfig.fromEnvironment(
                    Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                        "AI_TRIGGER_CAMPAIGN_BUDGETS", "c-42=lots",
                        "AI_TRIGGER_CLICK_SPIKE_FACTOR", "-1")))
        .isInstanceOf(InvalidConfigurationException.class)
        .satisfies(
            error ->
                assertThat(((InvalidConfigurationException) error).problems())
                    .hasSize(2)
                    .anySatisfy(
                        problem -> assertThat(problem).startsWith("AI_TRIGGER_CAMPAIGN_BUDGETS"))
                    .anySatisfy(
                        problem ->
                            assertThat(problem).startsWith("AI_TRIGGER_CLICK_SPIKE_FACTOR")));
  }
}
