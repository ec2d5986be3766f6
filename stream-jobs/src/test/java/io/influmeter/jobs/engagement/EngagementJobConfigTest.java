package io.influmeter.jobs.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influmeter.jobs.common.InvalidConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

class EngagementJobConfigTest {

  @Test
  void onlyTheBrokerIsRequiredAndDeliveryDefaultsToAtLeastOnceSoEarlyRowsAreVisibleAtOnce() {
    EngagementJobConfig config =
        EngagementJobConfig.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092"));

    assertThat(config.kafka().bootstrapServers()).isEqualTo("broker:9092");
    assertThat(config.kafka().groupId()).isEqualTo(EngagementJobConfig.DEFAULT_GROUP_ID);
    assertThat(config.kafka().deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    assertThat(config.earlyFiringInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.allowedLateness()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.topic(io.influmeter.schemas.Topics.CLICKS)).isEqualTo("clicks");
  }

  @Test
  void everyBadKeyIsReportedAtOnce() {
    assertThatThrownBy(
            () ->
                EngagementJobConfig.fromEnvironment(
                    Map.of(
                        "ENGAGEMENT_EARLY_FIRING_INTERVAL", "soon",
                        "ENGAGEMENT_ALLOWED_LATENESS", "-5s")))
        .isInstanceOf(InvalidConfigurationException.class)
        .satisfies(
            error ->
                assertThat(((InvalidConfigurationException) error).problems())
                    .hasSize(3)
                    .anySatisfy(
                        problem -> assertThat(problem).startsWith("KAFKA_BOOTSTRAP_SERVERS"))
                    .anySatisfy(
                        problem ->
                            assertThat(problem).startsWith("ENGAGEMENT_EARLY_FIRING_INTERVAL"))
                    .anySatisfy(
                        problem -> assertThat(problem).startsWith("ENGAGEMENT_ALLOWED_LATENESS")));
  }

  @Test
  void exactlyOnceCanStillBeChosen() {
    EngagementJobConfig config =
        EngagementJobConfig.fromEnvironment(
            Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092", "ENGAGEMENT_DELIVERY", "exactly_once"));
    assertThat(config.kafka().deliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
  }
}
