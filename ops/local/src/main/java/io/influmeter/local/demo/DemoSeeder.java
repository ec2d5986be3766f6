package io.influmeter.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Seeds a {@link Cast} through the api-server's HTTP API only (no SQL), the way the people it
 * stands for would: the brand and influencers sign up, the influencers declare profiles, the brand
 * creates and submits a campaign, the admin approves it, the brand invites each influencer and each
 * accepts (which creates their link and promo code), and the brand registers its store.
 *
 * <p>Idempotent: every step first looks for what an earlier run made (accounts by email, the
 * campaign by name, participants by their links, the store by name). The store's signing secret is
 * shown only once, so a later run rotates it and uses the new one (the old one stays valid for the
 * API's grace period).
 */
public final class DemoSeeder {

  private static final Duration CAMPAIGN_LENGTH = Duration.ofDays(90);

  private final ApiClient api;
  private final String adminEmail;
  private final String adminPassword;
  private final Clock clock;

  public DemoSeeder(ApiClient api, String adminEmail, String adminPassword, Clock clock) {
    this.api = api;
    this.adminEmail = adminEmail;
    this.adminPassword = adminPassword;
    this.clock = clock;
  }

  /**
   * Seeds {@code cast} (or finds what an earlier run seeded), every account with {@code password}.
   */
  public DemoWorld seed(Cast cast, String password) {
    Session brand =
        Session.loginOrRegister(
            api, cast.brandEmail(), password, "BRAND", cast.brandName(), cast.brandName() + " Ltd");
    UUID campaign = campaign(brand, cast);
    Map<UUID, JsonNode> links = linksByInfluencer(brand, campaign);
    for (Cast.Influencer person : cast.influencers()) {
      Session influencer =
          Session.loginOrRegister(
              api, person.email(), password, "INFLUENCER", person.displayName(), null);
      influencer.put("/influencers/me/profile", profile(person), 200);
      if (!links.containsKey(influencer.userId())) {
        links.put(influencer.userId(), join(brand, influencer, campaign));
      }
    }
    List<DemoWorld.Link> seeded = new ArrayList<>();
    for (JsonNode link : links.values()) {
      seeded.add(
          new DemoWorld.Link(
              UUID.fromString(link.get("id").asText()),
              UUID.fromString(link.get("influencerId").asText()),
              link.get("slug").asText(),
              link.get("promoCode").asText()));
    }
    long basisPoints = new BigDecimal(cast.commissionPercent()).movePointRight(2).longValueExact();
    return new DemoWorld(
        cast.brandEmail(),
        password,
        campaign,
        cast.currency(),
        basisPoints,
        seeded,
        store(brand, cast));
  }

  private UUID campaign(Session brand, Cast cast) {
    JsonNode existing = null;
    for (JsonNode campaign : brand.get("/brands/campaigns?limit=100", 200).path("campaigns")) {
      String status = campaign.path("status").asText();
      if (campaign.path("name").asText().equals(cast.campaignName())
          && !List.of("CANCELLED", "COMPLETED", "REJECTED").contains(status)) {
        existing = campaign;
      }
    }
    UUID id;
    String status;
    if (existing == null) {
      JsonNode created = brand.post("/brands/campaigns", campaignBody(cast), 201);
      id = UUID.fromString(created.get("id").asText());
      status = created.get("status").asText();
    } else {
      id = UUID.fromString(existing.get("id").asText());
      status = existing.get("status").asText();
    }
    if (status.equals("DRAFT")) {
      brand.post("/brands/campaigns/" + id + "/submit", null, 200);
      status = "SUBMITTED";
    }
    if (status.equals("SUBMITTED")) {
      Session admin = Session.login(api, adminEmail, adminPassword);
      admin.post("/admin/campaigns/" + id + "/approve", null, 200);
    }
    return id;
  }

  private Map<String, Object> campaignBody(Cast cast) {
    Instant now = clock.instant();
    Map<String, Object> body = new HashMap<>();
    body.put("name", cast.campaignName());
    body.put("brief", "Show the festive collection in everyday looks");
    body.put("objective", "SALES");
    body.put("budget", "250000.00");
    body.put("currency", cast.currency());
    // Started an hour ago: approval makes it ACTIVE at once, so its links redirect.
    body.put("startsAt", now.minus(Duration.ofHours(1)).toString());
    body.put("endsAt", now.plus(CAMPAIGN_LENGTH).toString());
    body.put("commission", Map.of("type", "PERCENTAGE", "percent", cast.commissionPercent()));
    body.put("targetFilters", Map.of());
    body.put("landingUrl", cast.landingUrl());
    body.put("utmTemplate", Map.of("utm_source", "influmeter", "utm_medium", "influencer"));
    return body;
  }

  private static Map<String, Object> profile(Cast.Influencer person) {
    Map<String, Object> profile = new HashMap<>();
    profile.put("handle", person.handle());
    profile.put("region", person.region());
    profile.put("niche", person.niche());
    profile.put("gender", person.gender());
    profile.put("languages", List.of("en", "sw"));
    profile.put("bio", person.displayName() + " on " + person.platform().toLowerCase());
    profile.put(
        "platforms",
        List.of(Map.of("platform", person.platform(), "handle", person.handle() + ".official")));
    return profile;
  }

  private static Map<UUID, JsonNode> linksByInfluencer(Session brand, UUID campaign) {
    Map<UUID, JsonNode> links = new HashMap<>();
    for (JsonNode link : brand.get("/brands/campaigns/" + campaign + "/links", 200)) {
      links.put(UUID.fromString(link.get("influencerId").asText()), link);
    }
    return links;
  }

  /** Brand invites, influencer accepts: the answer carries the new link and promo code. */
  private static JsonNode join(Session brand, Session influencer, UUID campaign) {
    ApiClient.Answer invited =
        brand.call(
            "POST",
            "/brands/campaigns/" + campaign + "/invitations",
            Map.of("influencerId", influencer.userId().toString()));
    if (invited.status() != 201 && invited.status() != 409) {
      invited.expect(201, "invite " + influencer.email());
    }
    return influencer
        .post("/influencers/invitations/" + campaign + "/accept", null, 200)
        .get("link");
  }

  private static DemoWorld.Store store(Session brand, Cast cast) {
    JsonNode answer = null;
    for (JsonNode store : brand.get("/brands/stores", 200)) {
      if (store.path("displayName").asText().equals(cast.storeName())) {
        answer =
            brand.post("/brands/stores/" + store.get("id").asText() + "/rotate-secret", null, 200);
      }
    }
    if (answer == null) {
      answer =
          brand.post(
              "/brands/stores",
              Map.of(
                  "platform",
                  "SHOPIFY",
                  "displayName",
                  cast.storeName(),
                  "currency",
                  cast.currency()),
              201);
    }
    JsonNode store = answer.get("store");
    return new DemoWorld.Store(
        UUID.fromString(store.get("id").asText()),
        URI.create(store.get("webhookUrl").asText()).getPath(),
        answer.get("signingSecret").asText());
  }
}
