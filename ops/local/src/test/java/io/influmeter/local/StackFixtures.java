package io.influmeter.local;

import io.influmeter.events.ClickEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** Shared test data and places for the local stack tests. */
final class StackFixtures {

  private StackFixtures() {}

  /** A data directory of its own under the build's test folder. */
  static Path dataDirectory(String name) {
    return Path.of(
        System.getProperty("influmeter.test.root", System.getProperty("java.io.tmpdir")),
        name + "-" + ProcessHandle.current().pid());
  }

  static ClickEvent click(String clickId, String slug) {
    return ClickEvent.newBuilder()
        .setClickId(clickId)
        .setSlug(slug)
        .setLinkId("link-" + slug)
        .setCampaignId("campaign-1")
        .setInfluencerId("influencer-" + slug)
        .setBrandId("brand-1")
        .setEventTime(Instant.parse("2026-11-25T10:15:30.123Z"))
        .setVisitorId("visitor-1")
        .setVisitorHash("9f2c")
        .setUserAgent("Mozilla/5.0")
        .setDevice("mobile")
        .setOs("Android")
        .setBrowser("Chrome")
        .setReferrer("https://instagram.com/")
        .setCountry("KE")
        .setIsBot(false)
        .setBotReason(null)
        .setUtm(Map.of("utm_source", "instagram", "utm_campaign", "launch"))
        .setDestinationUrl("https://shop.example/launch")
        .build();
  }
}
