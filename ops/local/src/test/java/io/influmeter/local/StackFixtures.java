package io.influmeter.local;

import io.influmeter.embedded.Ports;
import io.influmeter.embedded.junit.TopicReader;
import io.influmeter.events.AttributedConversion;
import io.influmeter.events.AttributionMethod;
import io.influmeter.events.AttributionModel;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.CommissionType;
import io.influmeter.events.InfluencerCredit;
import io.influmeter.events.LinkStatus;
import io.influmeter.events.ReferralLink;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Shared test data and places for the local stack tests. */
final class StackFixtures {

  private StackFixtures() {}

  /** Options with fixed free ports (kept across a restart, as a user's stack keeps them). */
  static LocalStackOptions fixedPorts(Path data) {
    return new LocalStackOptions(
        data,
        true,
        Ports.stablePort(),
        Ports.stablePort(),
        Ports.stablePort(),
        Ports.stablePort(),
        Ports.stablePort(),
        Ports.stablePort(),
        Ports.stablePort(),
        Ports.stablePort(),
        LocalStackOptions.testConnectPlugins(),
        false,
        2,
        LocalStackOptions.DEFAULT_CHECKPOINT_INTERVAL);
  }

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

  /**
   * A live link (its campaign runs from yesterday to next month) as the api-server publishes it.
   */
  static ReferralLink link(String slug, String destination) {
    Instant now = Instant.now();
    return ReferralLink.newBuilder()
        .setLinkId(UUID.randomUUID().toString())
        .setSlug(slug)
        .setCampaignId("campaign-1")
        .setInfluencerId("influencer-" + slug)
        .setBrandId("brand-1")
        .setDestinationUrl(destination)
        .setUtm(Map.of("utm_source", "instagram"))
        .setPromoCode(null)
        .setStatus(LinkStatus.ACTIVE)
        .setFallbackUrl(null)
        .setAllowUtmPassthrough(false)
        .setCampaignStartsAt(now.minus(Duration.ofDays(1)))
        .setCampaignEndsAt(now.plus(Duration.ofDays(30)))
        .setAttributionLookbackDays(30)
        .setAttributionModel(AttributionModel.LAST_CLICK)
        .setCommissionType(CommissionType.PERCENTAGE)
        .setCommissionPercentBps(1_000)
        .setCommissionFixedMinor(0)
        .setCommissionCurrency("KES")
        .setUpdatedAt(now)
        .build();
  }

  static AttributedConversion attributed(String orderId, long commissionMinor) {
    return AttributedConversion.newBuilder()
        .setStoreId("store-1")
        .setOrderId(orderId)
        .setBrandId("brand-1")
        .setCampaignId("campaign-1")
        .setMethod(AttributionMethod.CLICK_ID)
        .setAttributionModel(AttributionModel.LAST_CLICK)
        .setClickId("c1")
        .setPromoCode(null)
        .setCurrency("KES")
        .setOrderAmountMinor(250_000)
        .setRefundedAmountMinor(0)
        .setNetAmountMinor(250_000)
        .setCommissionMinor(commissionMinor)
        .setCancelled(false)
        .setCredits(
            List.of(
                InfluencerCredit.newBuilder()
                    .setInfluencerId("murugi")
                    .setLinkId("link-1")
                    .setSharePpm(1_000_000)
                    .setRevenueMinor(250_000)
                    .setCommissionMinor(commissionMinor)
                    .build()))
        .setBillable(true)
        .setOrderTime(Instant.parse("2026-11-25T10:00:00Z"))
        .setUpdatedAt(Instant.parse("2026-11-25T10:00:05Z"))
        .setRevision(1)
        .build();
  }

  /**
   * Writes a catalog record into the stack's {@code outbox} table as the api-server does (in its
   * own transaction here); the CDC source publishes it to {@code topic}.
   */
  static void writeToOutbox(LocalStack stack, String topic, String key, byte[] payload)
      throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(stack.postgres().jdbcUrl(LocalStack.DATABASE));
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO outbox (id, topic, aggregate_id, payload, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      insert.setObject(1, UUID.randomUUID());
      insert.setString(2, topic);
      insert.setString(3, key);
      insert.setBytes(4, payload);
      insert.setTimestamp(5, Timestamp.from(Instant.now()));
      insert.executeUpdate();
    }
  }

  /** How many records of {@code topic} have {@code key}, reading it from the beginning. */
  static long recordsWithKey(LocalStack stack, String topic, String key, int atLeast) {
    return TopicReader.read(stack.kafka().bootstrapServers(), topic, atLeast).stream()
        .filter(record -> key.equals(record.key()))
        .count();
  }
}
