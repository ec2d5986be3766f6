package io.influmeter.jobs.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.events.AttributionModel;
import io.influmeter.events.CommissionType;
import io.influmeter.events.ReferralLink;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MoneyArithmeticTest {

  @Test
  void partsAlwaysSumToTheWholeWithRemaindersToTheLargestFractionsThenTheLowerIndex() {
    assertThat(Apportion.split(100, new long[] {1, 1, 1})).containsExactly(34, 33, 33);
    assertThat(Apportion.split(10, new long[] {1, 2})).containsExactly(3, 7);
    assertThat(Apportion.split(0, new long[] {5, 5})).containsExactly(0, 0);
    Random random = new Random(7);
    for (int round = 0; round < 1_000; round++) {
      long total = random.nextInt(1_000_000_000);
      long[] weights = random.longs(1 + random.nextInt(6), 1, 1_000_000).toArray();
      assertThat(Arrays.stream(Apportion.split(total, weights)).sum()).isEqualTo(total);
    }
  }

  @Test
  void linearAndPositionBasedSharesAreExactPartsPerMillion() {
    List<Long> times = List.of(1L, 2L, 3L);
    assertThat(CreditModel.shares(AttributionModel.LINEAR, times, 4))
        .containsExactly(333_334, 333_333, 333_333);
    assertThat(CreditModel.shares(AttributionModel.POSITION_BASED, times, 4))
        .containsExactly(400_000, 200_000, 400_000);
    assertThat(CreditModel.shares(AttributionModel.POSITION_BASED, List.of(1L, 2L, 3L, 4L), 5))
        .containsExactly(400_000, 100_000, 100_000, 400_000);
    assertThat(CreditModel.shares(AttributionModel.POSITION_BASED, List.of(1L, 2L), 5))
        .containsExactly(500_000, 500_000);
  }

  @Test
  void timeDecayHalvesTheCreditOfATouchSevenDaysOlder() {
    long week = CreditModel.HALF_LIFE_MILLIS;
    int[] shares = CreditModel.shares(AttributionModel.TIME_DECAY, List.of(0L, week), week);
    assertThat(shares).containsExactly(333_333, 666_667);
    assertThat(Arrays.stream(shares).sum()).isEqualTo(1_000_000);
  }

  @Test
  void percentageCommissionRoundsHalfUpAndFixedCommissionShrinksProRataWithRefunds() {
    ReferralLink percent = link(CommissionType.PERCENTAGE, 1250, 0);
    assertThat(Commission.of(percent, "EUR", 1_000, 1_000, false)).isEqualTo(125);
    assertThat(Commission.of(percent, "EUR", 1_004, 1_004, false)).isEqualTo(126); // 125.5
    assertThat(Commission.of(percent, "EUR", 1_000, 1_000, true)).isZero();
    ReferralLink fixed = link(CommissionType.FIXED, 0, 500);
    assertThat(Commission.of(fixed, "EUR", 3_000, 3_000, false)).isEqualTo(500);
    assertThat(Commission.of(fixed, "EUR", 3_000, 1_000, false)).isEqualTo(167);
    assertThat(Commission.of(fixed, "KES", 3_000, 3_000, false)).isZero();
    assertThat(Commission.net(3_000, 4_000, false)).isZero();
  }

  private static ReferralLink link(CommissionType type, int bps, long fixed) {
    return Fixtures.link(
        UUID.randomUUID(),
        "brand-1",
        "camp-1",
        "murugi",
        null,
        AttributionModel.LAST_CLICK,
        30,
        type,
        bps,
        fixed,
        "EUR");
  }
}
