package io.influmeter.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.local.demo.Session;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The api-server's campaign summary ({@code GET /analytics/campaigns/{id}/summary}) as tests read
 * it.
 */
final class CampaignSummary {

  private final Session brand;
  private final UUID campaign;

  CampaignSummary(Session brand, UUID campaign) {
    this.brand = brand;
    this.campaign = campaign;
  }

  /** The summary's {@code totals} now. */
  JsonNode totals() {
    return brand.get("/analytics/campaigns/" + campaign + "/summary", 200).get("totals");
  }

  /**
   * Polls the totals every {@code every} until {@code done} holds; the last totals read, matching
   * or not after {@code timeout} (the caller's assertions then say what differs).
   */
  JsonNode await(Predicate<JsonNode> done, Duration timeout, Duration every) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode totals = totals();
    while (!done.test(totals) && System.nanoTime() < deadline) {
      sleep(every);
      totals = totals();
    }
    return totals;
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
