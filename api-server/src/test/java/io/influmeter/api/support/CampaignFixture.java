package io.influmeter.api.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Brings campaigns into a given status through the API itself (create, submit, approve, ...), so
 * tests start from states the server really produced.
 */
public final class CampaignFixture {
  private final Http http;
  private final Clock clock;

  public CampaignFixture(Http http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /** A valid create body starting in a day and running 30 days, by the server's clock. */
  public Map<String, Object> body() {
    Instant now = clock.instant();
    return body(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(31)));
  }

  public Map<String, Object> body(Instant startsAt, Instant endsAt) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "Spring launch");
    body.put("brief", "Show the new collection");
    body.put("objective", "SALES");
    body.put("budget", "150000.50");
    body.put("currency", "KES");
    body.put("startsAt", startsAt.toString());
    body.put("endsAt", endsAt.toString());
    body.put("commission", Map.of("type", "PERCENTAGE", "percent", "12.5"));
    body.put(
        "targetFilters", Map.of("regions", List.of("Nairobi"), "platforms", List.of("INSTAGRAM")));
    body.put("landingUrl", "https://shop.example.test/spring");
    body.put("utmTemplate", Map.of("utm_source", "influmeter", "utm_medium", "influencer"));
    return body;
  }

  public UUID create(String brandToken, Map<String, Object> body) {
    Http.Response response = http.post("/brands/campaigns", brandToken, body);
    expect(response, 201, "create");
    return UUID.fromString(response.json().get("id").asText());
  }

  public UUID draft(String brandToken) {
    return create(brandToken, body());
  }

  public UUID submitted(String brandToken) {
    UUID id = draft(brandToken);
    expect(http.post("/brands/campaigns/" + id + "/submit", brandToken, null), 200, "submit");
    return id;
  }

  public UUID approved(String brandToken, String adminToken) {
    UUID id = submitted(brandToken);
    expect(http.post("/admin/campaigns/" + id + "/approve", adminToken, null), 200, "approve");
    return id;
  }

  public UUID rejected(String brandToken, String adminToken) {
    UUID id = submitted(brandToken);
    expect(
        http.post("/admin/campaigns/" + id + "/reject", adminToken, Map.of("reason", "Too vague")),
        200,
        "reject");
    return id;
  }

  /** Started an hour ago: approving it makes it ACTIVE at the next read. */
  public UUID active(String brandToken, String adminToken) {
    Instant now = clock.instant();
    UUID id =
        create(brandToken, body(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30))));
    expect(http.post("/brands/campaigns/" + id + "/submit", brandToken, null), 200, "submit");
    expect(http.post("/admin/campaigns/" + id + "/approve", adminToken, null), 200, "approve");
    Http.Response read = http.get("/brands/campaigns/" + id, brandToken);
    if (!read.json().get("status").asText().equals("ACTIVE")) {
      throw new AssertionError("expected ACTIVE: " + read.body());
    }
    return id;
  }

  public UUID completed(String brandToken, String adminToken) {
    UUID id = active(brandToken, adminToken);
    expect(http.post("/brands/campaigns/" + id + "/close", brandToken, null), 200, "close");
    return id;
  }

  public UUID cancelled(String brandToken) {
    UUID id = draft(brandToken);
    expect(http.post("/brands/campaigns/" + id + "/cancel", brandToken, null), 200, "cancel");
    return id;
  }

  /** A campaign in {@code status}, brought there by the API. */
  public UUID inStatus(String status, String brandToken, String adminToken) {
    return switch (status) {
      case "DRAFT" -> draft(brandToken);
      case "SUBMITTED" -> submitted(brandToken);
      case "APPROVED" -> approved(brandToken, adminToken);
      case "REJECTED" -> rejected(brandToken, adminToken);
      case "ACTIVE" -> active(brandToken, adminToken);
      case "COMPLETED" -> completed(brandToken, adminToken);
      case "CANCELLED" -> cancelled(brandToken);
      default -> throw new IllegalArgumentException(status);
    };
  }

  /** Invites an influencer (the campaign must be APPROVED or ACTIVE). */
  public void invite(String brandToken, Object campaignId, Object influencerId) {
    expect(
        http.post(
            "/brands/campaigns/" + campaignId + "/invitations",
            brandToken,
            Map.of("influencerId", influencerId.toString())),
        201,
        "invite");
  }

  public String status(UUID id, String brandToken) {
    return http.get("/brands/campaigns/" + id, brandToken).json().get("status").asText();
  }

  private static void expect(Http.Response response, int status, String what) {
    if (response.status() != status) {
      throw new AssertionError(what + " failed: " + response.status() + " " + response.body());
    }
  }
}
