package io.influmeter.ingest.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

  @Test
  void anUnansweredRequestExpiresOnceItsDelayHasPassedAndNotBefore() throws Exception {
    try (Deadlines deadlines = new Deadlines("test-deadlines")) {
      CountDownLatch fired = new CountDownLatch(1);
      AtomicLong firedAt = new AtomicLong();
      long start = System.nanoTime();
      deadlines.schedule(
          Duration.ofMillis(50),
          () -> false,
          () -> {
            firedAt.set(System.nanoTime());
            fired.countDown();
          });
      assertThat(fired.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(firedAt.get() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  @Test
  void anAnsweredRequestNeverRunsItsExpiryTask() throws Exception {
    try (Deadlines deadlines = new Deadlines("test-deadlines")) {
      AtomicInteger expired = new AtomicInteger();
      AtomicBoolean answered = new AtomicBoolean();
      CountDownLatch later = new CountDownLatch(1);
      deadlines.schedule(Duration.ofMillis(20), answered::get, expired::incrementAndGet);
      answered.set(true);
      // A second, unanswered entry behind it in the same queue proves the first was passed.
      deadlines.schedule(Duration.ofMillis(20), () -> false, later::countDown);
      assertThat(later.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(expired).hasValue(0);
    }
  }

  @Test
  void deadlinesOfDifferentDelaysEachFireInTheirOwnTime() {
    try (Deadlines deadlines = new Deadlines("test-deadlines")) {
      AtomicInteger shortFired = new AtomicInteger();
      AtomicInteger longFired = new AtomicInteger();
      deadlines.schedule(Duration.ofSeconds(3), () -> false, longFired::incrementAndGet);
      deadlines.schedule(Duration.ofMillis(10), () -> false, shortFired::incrementAndGet);
      await().atMost(Duration.ofSeconds(30)).until(() -> shortFired.get() == 1);
      assertThat(longFired).hasValue(0);
      await().atMost(Duration.ofSeconds(30)).until(() -> longFired.get() == 1);
      assertThat(shortFired).hasValue(1);
    }
  }
}
