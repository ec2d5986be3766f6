package io.influmeter.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.embedded.junit.TestNames;
import io.influmeter.embedded.junit.TopicReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test kit itself: services injected once per JVM, isolation by name. */
@ExtendWith(EmbeddedServices.class)
class EmbeddedServicesTest {

  @Test
  void theSameBrokerIsInjectedEverywhereAndCarriesRecords(EmbeddedKafka kafka) throws Exception {
    assertThat(EmbeddedServices.kafka()).isSameAs(kafka);
    String topic = TestNames.unique("kit_roundtrip");
    kafka.createTopic(topic, 2, Map.of());
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "k", "hello")).get();
    }
    List<String> values =
        TopicReader.read(
                kafka.bootstrapServers(),
                topic,
                1,
                Duration.ofSeconds(20),
                new StringDeserializer(),
                new StringDeserializer())
            .stream()
            .map(ConsumerRecord::value)
            .toList();
    assertThat(values).containsExactly("hello");
  }

  @Test
  void eachTestGetsADatabaseOfItsOwn(EmbeddedPostgresServer postgres) throws Exception {
    String first = TestNames.unique("kit_db");
    String second = TestNames.unique("kit_db");
    postgres.createDatabase(first);
    postgres.createDatabase(second);
    try (Connection a = DriverManager.getConnection(postgres.jdbcUrl(first));
        Statement statement = a.createStatement()) {
      statement.execute("CREATE TABLE only_here (id int)");
    }
    try (Connection b = DriverManager.getConnection(postgres.jdbcUrl(second));
        Statement statement = b.createStatement()) {
      ResultSet tables =
          statement.executeQuery(
              "SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_here'");
      tables.next();
      assertThat(tables.getInt(1)).isZero();
    }
  }

  @Test
  void aDatabaseNameThatIsNotPlainIsRefused(EmbeddedPostgresServer postgres) {
    assertThatThrownBy(() -> postgres.createDatabase("x; DROP DATABASE postgres"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLockedDataDirectoryCannotBeOpenedTwice() {
    Path root = Path.of(System.getProperty("java.io.tmpdir"), TestNames.unique("locked"));
    try (DataDirectory first = DataDirectory.open(root, true)) {
      assertThatThrownBy(() -> DataDirectory.open(root, false))
          .isInstanceOf(DataDirectoryLockedException.class);
    }
    DataDirectory.open(root, false).close();
  }

  @Test
  void testNamesAreValidTopicAndDatabaseNamesAndNeverRepeat() {
    String a = TestNames.unique("Clicks.Topic");
    String b = TestNames.unique("Clicks.Topic");
    assertThat(a).matches("[a-z0-9_]+").isNotEqualTo(b);
  }
}
