package io.influmeter.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(6));

  @Test
  void without_jitter_the_waits_are_30_seconds_2_minutes_8_minutes_and_so_on_up_to_the_cap() {
    assertThat(policy.delayAfter(1, 0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.delayAfter(2, 0)).isEqualTo(Duration.ofMinutes(2));
    assertThat(policy.delayAfter(3, 0)).isEqualTo(Duration.ofMinutes(8));
    assertThat(policy.delayAfter(4, 0)).isEqualTo(Duration.ofMinutes(32));
    assertThat(policy.delayAfter(5, 0)).isEqualTo(Duration.ofMinutes(128));
    assertThat(policy.delayAfter(6, 0)).isEqualTo(Duration.ofHours(6));
    assertThat(policy.delayAfter(60, 0)).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void jitter_only_lengthens_a_wait_by_less_than_a_quarter_and_never_past_the_cap() {
    for (double jitter : new double[] {0.0, 0.1, 0.5, 0.999_999}) {
      Duration wait = policy.delayAfter(2, jitter);
      assertThat(wait).isBetween(Duration.ofMinutes(2), Duration.ofSeconds(150));
      assertThat(policy.delayAfter(30, jitter)).isEqualTo(Duration.ofHours(6));
    }
    assertThat(policy.delayAfter(1, 0.5)).isEqualTo(Duration.ofMillis(33_750));
  }
}
