package io.influmeter.connectors;

import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.embedded.junit.TestNames;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One sink test's world: its own topic, dead-letter topic and database (migrated by the
 * api-server's Flyway scripts, so the sink writes the real result tables), and the committed
 * connector config pointed at them.
 */
final class SinkFixture implements AutoCloseable {

  final String topic;
  final String deadLetters;
  final String database;
  private final EmbeddedKafka kafka;
  private final EmbeddedPostgresServer postgres;
  private final ConnectRestClient client;
  // One name for the fixture's life: re-applying after a worker restart resumes the same consumer
  // group (connect-<name>), as the local stack does on every start.
  private final String connector;

  SinkFixture(
      EmbeddedKafka kafka, EmbeddedPostgresServer postgres, String connectUrl, String table) {
    this.kafka = kafka;
    this.postgres = postgres;
    this.client = new ConnectRestClient(connectUrl);
    this.connector = TestNames.unique("sink");
    this.topic = TestNames.unique(table);
    this.deadLetters = topic + ".dlq";
    kafka.createTopic(topic, 2, Map.of());
    kafka.createTopic(deadLetters, 1, Map.of());
    this.database = MigratedDatabase.create(postgres, "sink");
  }

  /** Sends raw key/value pairs to the fixture's topic and waits for their acks. */
  void send(Map<String, byte[]> records) {
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      records.forEach((key, value) -> producer.send(new ProducerRecord<>(topic, key, value)));
      producer.flush();
    }
  }

  /**
   * Applies the committed {@code file}, resolved for this fixture's database and topics, under the
   * fixture's connector name (again after a worker restart: idempotent).
   */
  void applySink(String file) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("INFLUMETER_SINK_JDBC_URL", postgres.jdbcUrl(database));
    environment.put("INFLUMETER_SINK_JDBC_USER", EmbeddedPostgresServer.USER);
    environment.put("INFLUMETER_SINK_JDBC_PASSWORD", "");
    ConnectorConfig resolved =
        ConnectorConfig.load(file)
            .resolve(environment)
            .with(Map.of("topics", topic, "errors.deadletterqueue.topic.name", deadLetters));
    client.apply(new ConnectorConfig(connector, resolved.config()));
  }

  String connectorState() {
    return client.status(connector).path("connector").path("state").asText();
  }

  /** Every row of {@code query}, each as column name -> value. */
  List<Map<String, Object>> rows(String query) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database));
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      while (result.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
          row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Override
  public void close() {
    client.delete(connector);
  }
}
