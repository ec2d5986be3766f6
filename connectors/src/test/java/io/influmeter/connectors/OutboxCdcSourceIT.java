package io.influmeter.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.embedded.EmbeddedConnect;
import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.embedded.junit.TestNames;
import io.influmeter.embedded.junit.TopicReader;
import io.influmeter.events.AttributionModel;
import io.influmeter.events.CommissionType;
import io.influmeter.events.LinkStatus;
import io.influmeter.events.ReferralLink;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The transactional outbox through Debezium's PostgreSQL connector and outbox event router: a
 * catalog record written into {@code outbox} in the same transaction as the change reaches its
 * topic byte for byte, keyed by the aggregate id; an empty payload becomes a tombstone.
 */
@ExtendWith(EmbeddedServices.class)
class OutboxCdcSourceIT {

  @Test
  void outboxRowsReachTheirTopicAsCatalogRecordsAndEmptyPayloadsAsTombstones(
      EmbeddedKafka kafka, EmbeddedPostgresServer postgres, EmbeddedConnect connect)
      throws Exception {
    String topic = TestNames.unique("referral_links");
    kafka.createTopic(topic, 1, Map.of("cleanup.policy", "compact"));
    String database = TestNames.unique("cdc");
    postgres.createDatabase(database);
    // The outbox table belongs to the api-server's Flyway migrations; this test makes its own.
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database));
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE outbox (id uuid PRIMARY KEY, topic text NOT NULL, aggregate_id text NOT NULL,"
              + " payload bytea, created_at timestamptz NOT NULL DEFAULT now())");
    }
    String suffix = database.replaceAll("[^a-z0-9_]", "_");
    ConnectorConfig connector =
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
    ConnectorConfig named = new ConnectorConfig(TestNames.unique("cdc"), connector.config());
    ConnectRestClient client = new ConnectRestClient(connect.restUrl());
    client.apply(named);
    try {
      awaitRunning(client, named.name());
      AvroSerde<ReferralLink> serde =
          Serdes.forTopic(Topics.REFERRAL_LINKS, new BuiltInSchemaRegistry());
      ReferralLink link = link("murugi");
      byte[] bytes = serde.encode(Topics.REFERRAL_LINKS.name(), link);
      try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database))) {
        connection.setAutoCommit(false);
        insert(connection, topic, "murugi", bytes);
        connection.commit();
        insert(connection, topic, "murugi", null);
        connection.commit();
      }
      List<ConsumerRecord<String, byte[]>> records =
          TopicReader.read(kafka.bootstrapServers(), topic, 2);
      assertThat(records).hasSize(2).extracting(ConsumerRecord::key).containsOnly("murugi");
      ConsumerRecord<String, byte[]> first = records.get(0);
      assertThat(first.value()).isEqualTo(bytes);
      assertThat(serde.decode(topic, first.partition(), first.offset(), first.value()))
          .isEqualTo(link);
      assertThat(records.get(1).value()).as("tombstone").isNull();
    } finally {
      client.delete(named.name());
    }
  }

  private static void awaitRunning(ConnectRestClient client, String name) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        var status = client.status(name);
        var tasks = status.path("tasks");
        if (tasks.size() > 0 && tasks.get(0).path("state").asText().equals("RUNNING")) {
          return;
        }
        if (tasks.size() > 0 && tasks.get(0).path("state").asText().equals("FAILED")) {
          throw new AssertionError("CDC task failed: " + tasks.get(0).path("trace").asText());
        }
      } catch (IllegalStateException notYet) {
        // 404 until the herder has created the connector.
      }
      Thread.sleep(250);
    }
    throw new AssertionError("CDC connector " + name + " did not start in 60 s");
  }

  private static void insert(Connection connection, String topic, String key, byte[] payload)
      throws Exception {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO outbox (id, topic, aggregate_id, payload) VALUES (?, ?, ?, ?)")) {
      insert.setObject(1, UUID.randomUUID());
      insert.setString(2, topic);
      insert.setString(3, key);
      insert.setBytes(4, payload);
      insert.executeUpdate();
    }
  }

  private static ReferralLink link(String slug) {
    return ReferralLink.newBuilder()
        .setLinkId("7d0f5a3e-2a8b-4a51-9e1c-2f5b6f1e9a01")
        .setSlug(slug)
        .setCampaignId("campaign-1")
        .setInfluencerId("influencer-1")
        .setBrandId("brand-1")
        .setDestinationUrl("https://shop.example/launch")
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
