package io.influmeter.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.influmeter.embedded.EmbeddedConnect;
import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.embedded.junit.TopicReader;
import io.influmeter.events.EngagementWindow;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.time.Duration;
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

  @Test
  void windowRowsAreUpsertedByKeyAndUndecodableRecordsGoToTheDeadLetterTopic(
      EmbeddedKafka kafka, EmbeddedPostgresServer postgres, EmbeddedConnect connect)
      throws Exception {
    try (SinkFixture sink =
        new SinkFixture(kafka, postgres, connect.restUrl(), "engagement_windows")) {
      AvroSerde<EngagementWindow> serde =
          Serdes.forTopic(Topics.ENGAGEMENT_WINDOWS, new BuiltInSchemaRegistry());
      Map<String, byte[]> records = new LinkedHashMap<>();
      // Two firings of one window share a key: the second (final) one must win.
      for (EngagementWindow window :
          List.of(Windows.sample("murugi", 5, false), Windows.sample("njugush", 3, true))) {
        records.put(Topics.keyOf(window), serde.encode(sink.topic, window));
      }
      sink.send(records);
      EngagementWindow last = Windows.sample("murugi", 7, true);
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
}
