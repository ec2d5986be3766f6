package io.influmeter.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.influmeter.embedded.EmbeddedConnect;
import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.embedded.junit.TestNames;
import io.influmeter.embedded.junit.TopicReader;
import io.influmeter.events.EngagementWindow;
import io.influmeter.events.WindowGranularity;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The committed sink config, applied to a real Connect worker with Debezium's JDBC sink and our
 * converter: catalog records in the wire format become upserted rows; a record that cannot be
 * decoded goes to the dead-letter topic with the error in its headers.
 */
@ExtendWith(EmbeddedServices.class)
class EngagementWindowsJdbcSinkIT {

  private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void windowRowsAreUpsertedByKeyAndUndecodableRecordsGoToTheDeadLetterTopic(
      EmbeddedKafka kafka, EmbeddedPostgresServer postgres, EmbeddedConnect connect)
      throws Exception {
    String topic = TestNames.unique("engagement_windows");
    String deadLetters = topic + ".dlq";
    kafka.createTopic(topic, 2, Map.of());
    kafka.createTopic(deadLetters, 1, Map.of());
    String database = TestNames.unique("sink");
    postgres.createDatabase(database);
    // Result tables belong to the api-server's Flyway migrations; this test makes its own.
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database));
        Statement statement = connection.createStatement()) {
      statement.execute(
          """
          CREATE TABLE engagement_windows (
            campaign_id text NOT NULL, influencer_id text NOT NULL, granularity text NOT NULL,
            window_start timestamp NOT NULL, window_end timestamp NOT NULL, is_final boolean NOT NULL,
            clicks bigint NOT NULL, unique_visitors bigint NOT NULL, bot_clicks bigint NOT NULL,
            conversion_count bigint NOT NULL, refunds bigint NOT NULL, revenue_minor bigint NOT NULL,
            commission_minor bigint NOT NULL, currency text, followers_delta bigint NOT NULL,
            views_delta bigint NOT NULL, likes_delta bigint NOT NULL, comments_delta bigint NOT NULL,
            shares_delta bigint NOT NULL, reach_delta bigint NOT NULL,
            engagement_rate double precision, updated_at timestamp NOT NULL,
            PRIMARY KEY (campaign_id, influencer_id, granularity, window_start))
          """);
    }

    AvroSerde<EngagementWindow> serde =
        Serdes.forTopic(Topics.ENGAGEMENT_WINDOWS, new BuiltInSchemaRegistry());
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (EngagementWindow window :
          List.of(
              window("murugi", 5, false), window("murugi", 7, true), window("njugush", 3, true))) {
        producer.send(
            new ProducerRecord<>(topic, Topics.keyOf(window), serde.encode(topic, window)));
      }
      producer.send(new ProducerRecord<>(topic, "garbage", "not avro".getBytes()));
      producer.flush();
    }

    Map<String, String> environment = new HashMap<>();
    environment.put("INFLUMETER_SINK_JDBC_URL", postgres.jdbcUrl(database));
    environment.put("INFLUMETER_SINK_JDBC_USER", EmbeddedPostgresServer.USER);
    environment.put("INFLUMETER_SINK_JDBC_PASSWORD", "");
    ConnectorConfig file =
        ConnectorConfig.load("engagement-windows-jdbc-sink.json").resolve(environment);
    ConnectorConfig connector =
        new ConnectorConfig(
            TestNames.unique("sink"),
            file.with(Map.of("topics", topic, "errors.deadletterqueue.topic.name", deadLetters))
                .config());
    ConnectRestClient client = new ConnectRestClient(connect.restUrl());
    client.apply(connector);
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(rows(postgres, database))
                      .containsEntry("murugi", 7L)
                      .containsEntry("njugush", 3L)
                      .hasSize(2));
      List<ConsumerRecord<String, byte[]>> failed =
          TopicReader.read(kafka.bootstrapServers(), deadLetters, 1);
      assertThat(failed).hasSize(1);
      Map<String, String> headers = new HashMap<>();
      failed.get(0).headers().forEach(h -> headers.put(h.key(), new String(h.value())));
      assertThat(headers.get("__connect.errors.exception.message")).contains("magic byte");
      assertThat(client.status(connector.name()).path("connector").path("state").asText())
          .isEqualTo("RUNNING");
    } finally {
      client.delete(connector.name());
    }
  }

  private static EngagementWindow window(String influencer, long clicks, boolean last) {
    return EngagementWindow.newBuilder()
        .setCampaignId("campaign-1")
        .setInfluencerId(influencer)
        .setGranularity(WindowGranularity.MINUTE)
        .setWindowStart(START)
        .setWindowEnd(START.plusSeconds(60))
        .setIsFinal(last)
        .setClicks(clicks)
        .setUniqueVisitors(clicks)
        .setBotClicks(0)
        .setConversionCount(1)
        .setRefunds(0)
        .setRevenueMinor(250_000)
        .setCommissionMinor(25_000)
        .setCurrency("KES")
        .setFollowersDelta(0)
        .setViewsDelta(100)
        .setLikesDelta(10)
        .setCommentsDelta(2)
        .setSharesDelta(1)
        .setReachDelta(0)
        .setEngagementRate(0.13)
        .setUpdatedAt(START.plusSeconds(61))
        .build();
  }

  private static Map<String, Long> rows(EmbeddedPostgresServer postgres, String database)
      throws Exception {
    Map<String, Long> clicks = new HashMap<>();
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database));
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT influencer_id, clicks FROM engagement_windows")) {
      while (rows.next()) {
        clicks.put(rows.getString(1), rows.getLong(2));
      }
    }
    return clicks;
  }
}
