package io.influmeter.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.influmeter.embedded.EmbeddedConnect;
import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.embedded.junit.TopicReader;
import io.influmeter.events.EngagementWindow;
import io.influmeter.events.WindowGranularity;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
  private static final String TABLE =
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
      """;

  @Test
  void windowRowsAreUpsertedByKeyAndUndecodableRecordsGoToTheDeadLetterTopic(
      EmbeddedKafka kafka, EmbeddedPostgresServer postgres, EmbeddedConnect connect)
      throws Exception {
    try (SinkFixture sink =
        new SinkFixture(kafka, postgres, connect, "engagement_windows", TABLE)) {
      AvroSerde<EngagementWindow> serde =
          Serdes.forTopic(Topics.ENGAGEMENT_WINDOWS, new BuiltInSchemaRegistry());
      Map<String, byte[]> records = new LinkedHashMap<>();
      // Two firings of one window share a key: the second (final) one must win.
      for (EngagementWindow window :
          List.of(window("murugi", 5, false), window("njugush", 3, true))) {
        records.put(Topics.keyOf(window), serde.encode(sink.topic, window));
      }
      sink.send(records);
      EngagementWindow last = window("murugi", 7, true);
      sink.send(Map.of(Topics.keyOf(last), serde.encode(sink.topic, last)));
      sink.send(Map.of("garbage", "not avro".getBytes()));

      sink.applySink("engagement-windows-jdbc-sink.json");

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(
                          sink.rows(
                              "SELECT influencer_id, clicks, is_final FROM engagement_windows ORDER BY 1"))
                      .containsExactly(
                          Map.of("influencer_id", "murugi", "clicks", 7L, "is_final", true),
                          Map.of("influencer_id", "njugush", "clicks", 3L, "is_final", true)));
      List<ConsumerRecord<String, byte[]>> failed =
          TopicReader.read(kafka.bootstrapServers(), sink.deadLetters, 1);
      assertThat(failed).hasSize(1);
      Map<String, String> headers = new HashMap<>();
      failed.get(0).headers().forEach(h -> headers.put(h.key(), new String(h.value())));
      assertThat(headers.get("__connect.errors.exception.message")).contains("magic byte");
      assertThat(sink.connectorState()).isEqualTo("RUNNING");
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
}
