package io.influmeter.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The demo traffic's proportions, over many seeded draws. */
class TrafficMixTest {

  private static final int DRAWS = 20_000;

  @Test
  void theFirstLinksDrawMoreClicksInProportionToTheirWeight() {
    TrafficMix mix = new TrafficMix(new Random(1));
    Map<String, Integer> counts = new HashMap<>();
    List<String> links = List.of("a", "b", "c", "d");
    for (int i = 0; i < DRAWS; i++) {
      counts.merge(mix.link(links), 1, Integer::sum);
    }
    // Weights 4:3:2:1 of 10.
    assertThat(counts.get("a")).isBetween(7_600, 8_400);
    assertThat(counts.get("b")).isBetween(5_600, 6_400);
    assertThat(counts.get("c")).isBetween(3_600, 4_400);
    assertThat(counts.get("d")).isBetween(1_700, 2_300);
  }

  @Test
  void aSingleLinkGetsEveryClick() {
    TrafficMix mix = new TrafficMix(new Random(2));
    assertThat(mix.link(List.of("only"))).isEqualTo("only");
  }

  @Test
  void sharesOfBotsConversionsAndRefundsAreNearTheirRates() {
    TrafficMix mix = new TrafficMix(new Random(3));
    int bots = 0;
    int conversions = 0;
    int refunds = 0;
    for (int i = 0; i < DRAWS; i++) {
      bots += mix.bot() ? 1 : 0;
      conversions += mix.converts() ? 1 : 0;
      refunds += mix.refunded() ? 1 : 0;
    }
    assertThat(bots / (double) DRAWS).isBetween(0.10, 0.14);
    assertThat(conversions / (double) DRAWS).isBetween(0.05, 0.07);
    assertThat(refunds / (double) DRAWS).isBetween(0.07, 0.09);
  }

  @Test
  void ordersArePricedInWholeFiftiesWithinTheRangeAndRefundsNeverExceedThem() {
    TrafficMix mix = new TrafficMix(new Random(4));
    int full = 0;
    for (int i = 0; i < DRAWS; i++) {
      long order = mix.orderMinor();
      assertThat(order)
          .isBetween(TrafficMix.MIN_ORDER_MINOR, TrafficMix.MAX_ORDER_MINOR)
          .matches(value -> value % 50 == 0, "a multiple of 50");
      long refund = mix.refundMinor(order);
      assertThat(refund).isPositive().isLessThanOrEqualTo(order);
      full += refund == order ? 1 : 0;
    }
    assertThat(full / (double) DRAWS).isBetween(0.45, 0.55);
  }
}
