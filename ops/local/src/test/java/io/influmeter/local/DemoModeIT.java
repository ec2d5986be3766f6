package io.influmeter.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.local.demo.ApiClient;
import io.influmeter.local.demo.DemoWorld;
import io.influmeter.local.demo.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code ./influmeter --demo}: the stack seeds the demo through its own API, prints the dashboard
 * and the demo sign-in, and its traffic moves the campaign summary within a minute; a second start
 * on the same data finds the same demo and goes on.
 */
class DemoModeIT {

  private static final Duration MOVES_WITHIN = Duration.ofSeconds(60);
  private static final Duration BOT_WITHIN = Duration.ofSeconds(30);

  @Test
  void theDemoMovesTheCampaignSummaryAndASecondStartGoesOnWithTheSameDemo() {
    Path data = StackFixtures.dataDirectory("demo");
    // Ports are picked as each service starts (a second start gets new ones): ports picked all
    // up front can be taken by another process on a busy machine before the stack reaches them.
    LocalStackOptions options = LocalStackOptions.ephemeral(data, true).withDemo(10);

    DemoWorld first;
    try (LocalStack stack = LocalStack.start(options, System.out)) {
      first = stack.demo().world();
      String console = stack.summary();
      assertThat(console)
          .contains("http://127.0.0.1:" + stack.apiPort() + "/dashboard")
          .contains(first.brandEmail() + " / " + first.brandPassword());
      assertThat(first.links()).hasSize(4);
      assertSummaryMoves(stack, first);
      assertThat(stack.demo().counts().clicks()).isPositive();
      // 12% of the demo's clicks are bots, drawn at random: the first few seconds may have none
      // (0.88^10 = 28% at 10 clicks), so wait for one rather than assert on the moment.
      assertThat(awaitBotClick(stack, BOT_WITHIN)).isPositive();
    }

    ByteArrayOutputStream console = new ByteArrayOutputStream();
    try (LocalStack again =
        LocalStack.start(
            options.withFresh(false), new PrintStream(console, true, StandardCharsets.UTF_8))) {
      DemoWorld second = again.demo().world();
      assertThat(second.campaignId()).isEqualTo(first.campaignId());
      assertThat(second.links()).containsExactlyInAnyOrderElementsOf(first.links());
      assertThat(second.store().id()).isEqualTo(first.store().id());
      assertThat(console.toString(StandardCharsets.UTF_8)).contains("[11/11] demo");
      assertSummaryMoves(again, second);
    }
  }

  private static long awaitBotClick(LocalStack stack, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    long bots = stack.demo().counts().botClicks();
    while (bots == 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      bots = stack.demo().counts().botClicks();
    }
    return bots;
  }

  private static void assertSummaryMoves(LocalStack stack, DemoWorld world) {
    HttpClient http = HttpClient.newHttpClient();
    Session brand =
        Session.login(
            new ApiClient(http, stack.apiPort()), world.brandEmail(), world.brandPassword());
    CampaignSummary summary = new CampaignSummary(brand, world.campaignId());
    long clicksBefore = summary.totals().get("clicks").asLong();
    long started = System.nanoTime();
    JsonNode moved =
        summary.await(
            totals -> totals.get("clicks").asLong() > clicksBefore,
            MOVES_WITHIN,
            Duration.ofMillis(250));
    System.out.printf(
        "DEMO summary clicks %d -> %d after %d ms%n",
        clicksBefore, moved.get("clicks").asLong(), (System.nanoTime() - started) / 1_000_000);
    assertThat(moved.get("clicks").asLong()).isGreaterThan(clicksBefore);
  }
}
