package io.influmeter.jobs.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VisitorHashesTest {

  @Test
  void aWindowCountsEachVisitorOnceAcrossGrowthAndRepeats() {
    WindowAccumulator window = WindowAccumulator.open("c", "i", 0, 60_000);
    Random random = new Random(7);
    Set<String> exact = new HashSet<>();
    for (int click = 0; click < 300_000; click++) {
      // Short, similar ids (cookie ids and hashes differ in a few characters).
      String visitor = "v-" + random.nextInt(150_000);
      exact.add(visitor);
      window.addVisitor(visitor);
    }
    assertThat(window.uniqueVisitors).isEqualTo(exact.size());
    assertThat(window.visitorHashes.length)
        .as("at most half full, a power of two")
        .isGreaterThanOrEqualTo(exact.size() * 2)
        .isEqualTo(Integer.highestOneBit(window.visitorHashes.length));
    for (String visitor : exact) {
      assertThat(VisitorHashes.contains(window.visitorHashes, VisitorHashes.of(visitor))).isTrue();
    }
    assertThat(VisitorHashes.contains(window.visitorHashes, VisitorHashes.of("v-150000")))
        .isFalse();
  }

  @Test
  void hashesAreNeverTheEmptySlotAndDifferForIdsThatDifferInOneCharacter() {
    Set<Long> hashes = new HashSet<>();
    for (char c = 0; c < 2_000; c++) {
      long hash = VisitorHashes.of("visitor-" + c);
      assertThat(hash).isNotZero();
      hashes.add(hash);
    }
    assertThat(hashes).hasSize(2_000);
    assertThat(VisitorHashes.of("")).isNotZero();
    assertThat(VisitorHashes.contains(null, VisitorHashes.of("x"))).isFalse();
  }
}
