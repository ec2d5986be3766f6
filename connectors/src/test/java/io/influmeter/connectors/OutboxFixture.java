package io.influmeter.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.embedded.junit.TestNames;
import io.influmeter.events.AttributionModel;
import io.influmeter.events.CommissionType;
import io.influmeter.events.LinkStatus;
import io.influmeter.events.ReferralLink;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One CDC test's world: a database migrated by the api-server's scripts (so {@code outbox} is the
 * real table), and the committed {@code outbox-cdc-source.json} resolved for it with a slot,
 * publication and topic prefix of its own.
 */
final class OutboxFixture {

  final String database;
  final ConnectorConfig connector;
  private final EmbeddedPostgresServer postgres;
  // created_at strictly increases per fixture, so "the last row of an aggregate" is well defined.
  private final AtomicLong lastMicros = new AtomicLong();

  OutboxFixture(EmbeddedPostgresServer postgres) {
    this.postgres = postgres;
    this.database = MigratedDatabase.create(postgres, "cdc");
    String suffix = database.replaceAll("[^a-z0-9_]", "_");
    ConnectorConfig resolved =
        ConnectorConfig.load("outbox-cdc-source.json")
            .resolve(
                Map.of(
                    "INFLUMETER_CDC_DB_HOST",
                    "127.0.0.1",
                    "INFLUMETER_CDC_DB_PORT",
                    String.valueOf(postgres.port()),
                    "INFLUMETER_CDC_DB_USER",
                    EmbeddedPostgresServer.USER,
                    "INFLUMETER_CDC_DB_PASSWORD",
                    "",
                    "INFLUMETER_CDC_DB_NAME",
                    database))
            // Each test database gets its own slot, publication and topic prefix.
            .with(
                Map.of(
                    "slot.name", "slot_" + suffix,
                    "publication.name", "pub_" + suffix,
                    "topic.prefix", "cdc_" + suffix));
    this.connector = new ConnectorConfig(TestNames.unique("cdc"), resolved.config());
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(postgres.jdbcUrl(database));
  }

  /** Writes one outbox row as the api-server does; a null payload means a tombstone. */
  void insert(Connection connection, String topic, String key, byte[] payload) throws SQLException {
    long micros =
        lastMicros.updateAndGet(last -> Math.max(last + 1, Instant.now().toEpochMilli() * 1_000));
    Timestamp createdAt = Timestamp.from(Instant.ofEpochSecond(0, micros * 1_000));
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO outbox (id, topic, aggregate_id, payload, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      insert.setObject(1, UUID.randomUUID());
      insert.setString(2, topic);
      insert.setString(3, key);
      insert.setBytes(4, payload);
      insert.setTimestamp(5, createdAt);
      insert.executeUpdate();
    }
  }

  /** Waits until the connector's task runs; a failed task fails the test with its trace. */
  static void awaitRunning(ConnectRestClient client, String name) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        JsonNode tasks = client.status(name).path("tasks");
        String state = tasks.size() > 0 ? tasks.get(0).path("state").asText() : "";
        if (state.equals("RUNNING")) {
          return;
        }
        if (state.equals("FAILED")) {
          throw new AssertionError(name + " failed: " + tasks.get(0).path("trace").asText());
        }
      } catch (IllegalStateException notYet) {
        // 404 until the herder has created the connector.
      }
      Thread.sleep(250);
    }
    throw new AssertionError("connector " + name + " did not start in 90 s");
  }

  static ReferralLink link(String slug, String destination) {
    return ReferralLink.newBuilder()
        .setLinkId("7d0f5a3e-2a8b-4a51-9e1c-2f5b6f1e9a01")
        .setSlug(slug)
        .setCampaignId("campaign-1")
        .setInfluencerId("influencer-1")
        .setBrandId("brand-1")
        .setDestinationUrl(destination)
        .setUtm(Map.of("utm_source", "instagram"))
        .setPromoCode("MURUGI25")
        .setStatus(LinkStatus.ACTIVE)
        .setFallbackUrl(null)
        .setAllowUtmPassthrough(false)
        .setCampaignStartsAt(Instant.parse("2026-11-01T00:00:00Z"))
        .setCampaignEndsAt(Instant.parse("2026-12-31T00:00:00Z"))
        .setAttributionLookbackDays(30)
        .setAttributionModel(AttributionModel.LAST_CLICK)
        .setCommissionType(CommissionType.PERCENTAGE)
        .setCommissionPercentBps(1_000)
        .setCommissionFixedMinor(0)
        .setCommissionCurrency("KES")
        .setUpdatedAt(Instant.parse("2026-11-25T09:00:00Z"))
        .build();
  }
}
