package io.influmeter.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.embedded.EmbeddedConnect;
import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.events.AttributedConversion;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The attributions sink: the current state of each order lands in one row per store + order, the
 * latest revision winning, with the per-influencer credits as a jsonb document.
 */
@ExtendWith(EmbeddedServices.class)
class AttributionsJdbcSinkIT {

  @Test
  void eachOrderKeepsItsLatestRevisionWithCreditsAsJson(
      EmbeddedKafka kafka, EmbeddedPostgresServer postgres, EmbeddedConnect connect)
      throws Exception {
    try (SinkFixture sink = new SinkFixture(kafka, postgres, connect.restUrl(), "attributions")) {
      AvroSerde<AttributedConversion> serde =
          Serdes.forTopic(Topics.ATTRIBUTIONS, new BuiltInSchemaRegistry());
      AttributedConversion ordered = Attributions.sample();
      AttributedConversion refunded =
          AttributedConversion.newBuilder(ordered)
              .setRefundedAmountMinor(50_000)
              .setNetAmountMinor(200_000)
              .setCommissionMinor(20_000)
              .setRevision(2)
              .build();
      sink.send(Map.of(Topics.keyOf(ordered), serde.encode(sink.topic, ordered)));
      sink.send(Map.of(Topics.keyOf(refunded), serde.encode(sink.topic, refunded)));

      sink.applySink("attributions-jdbc-sink.json");

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(
                          sink.rows(
                              "SELECT order_id, revision, commission_minor FROM attributions"))
                      .containsExactly(
                          Map.of("order_id", "1001", "revision", 2L, "commission_minor", 20_000L)));
      List<Map<String, Object>> credits =
          sink.rows(
              "SELECT credits::text AS credits, jsonb_typeof(credits) AS kind FROM attributions");
      assertThat(credits.get(0).get("kind")).isEqualTo("array");
      JsonNode parsed = new ObjectMapper().readTree(credits.get(0).get("credits").toString());
      assertThat(parsed.get(0).get("influencer_id").asText()).isEqualTo("murugi");
      assertThat(parsed.get(0).get("commission_minor").asLong()).isEqualTo(25_000L);
      assertThat(sink.connectorState()).isEqualTo("RUNNING");
    }
  }
}
