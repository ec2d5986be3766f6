package io.influmeter.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.embedded.EmbeddedConnect;
import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.embedded.junit.TestNames;
import io.influmeter.embedded.junit.TopicReader;
import io.influmeter.events.ReferralLink;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
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
    OutboxFixture outbox = new OutboxFixture(postgres);
    ConnectRestClient client = new ConnectRestClient(connect.restUrl());
    client.apply(outbox.connector);
    try {
      OutboxFixture.awaitRunning(client, outbox.connector.name());
      AvroSerde<ReferralLink> serde =
          Serdes.forTopic(Topics.REFERRAL_LINKS, new BuiltInSchemaRegistry());
      ReferralLink link = OutboxFixture.link("murugi", "https://shop.example/launch");
      byte[] bytes = serde.encode(Topics.REFERRAL_LINKS.name(), link);
      try (Connection connection = outbox.connect()) {
        connection.setAutoCommit(false);
        outbox.insert(connection, topic, "murugi", bytes);
        connection.commit();
        outbox.insert(connection, topic, "murugi", null);
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
      client.delete(outbox.connector.name());
    }
  }
}
