package io.influmeter.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.embedded.junit.TestNames;
import io.influmeter.embedded.junit.TopicReader;
import io.influmeter.events.AttributedConversion;
import io.influmeter.events.EngagementWindow;
import io.influmeter.events.ReferralLink;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Restart safety: a Connect worker of the test's own is stopped while records keep coming and
 * started again on the same offsets, as the local stack's worker is. Nothing may be lost and
 * nothing counted twice: the sinks' tables end equal to the latest record per key of their topics,
 * and the CDC source publishes the outbox rows written while it was down.
 */
@ExtendWith(EmbeddedServices.class)
class ConnectWorkerRestartIT {

  private static final int ORDERS = 40;
  private static final int INFLUENCERS = 40;
  private static final int ROUNDS_WHILE_DOWN = 10;
  private static final Duration SETTLE = Duration.ofSeconds(120);

  @Test
  void theResultTablesEndEqualToTheLatestRecordPerKeyWhenTheWorkerIsStoppedMidStream(
      EmbeddedKafka kafka, EmbeddedPostgresServer postgres) throws Exception {
    try (RestartableWorker worker = new RestartableWorker(kafka.bootstrapServers()).start();
        SinkFixture attributions =
            new SinkFixture(kafka, postgres, worker.restUrl(), "attributions");
        SinkFixture windows =
            new SinkFixture(kafka, postgres, worker.restUrl(), "engagement_windows")) {
      attributions.applySink("attributions-jdbc-sink.json");
      windows.applySink("engagement-windows-jdbc-sink.json");
      Stream stream = new Stream(kafka, attributions.topic, windows.topic);
      Thread producer = new Thread(stream, "restart-it-producer");
      producer.start();
      try {
        await()
            .atMost(SETTLE)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> count(attributions) > 0 && count(windows) > 0);

        int roundsAtStop = stream.rounds.get();
        worker.stop();
        awaitRounds(stream.rounds::get, roundsAtStop + ROUNDS_WHILE_DOWN);
        worker.start();
        attributions.applySink("attributions-jdbc-sink.json");
        windows.applySink("engagement-windows-jdbc-sink.json");
        awaitRounds(stream.rounds::get, stream.rounds.get() + ROUNDS_WHILE_DOWN);
      } finally {
        stream.finish = true;
        producer.join();
      }
      assertThat(stream.failure).as("producer failure").isNull();

      Map<String, List<Long>> expectedOrders = new HashMap<>();
      stream.lastOrder.forEach(
          (order, last) ->
              expectedOrders.put(
                  order,
                  List.of(
                      last.getRevision(), last.getCommissionMinor(), last.getNetAmountMinor())));
      Map<String, Long> expectedClicks = new HashMap<>();
      stream.lastWindow.forEach(
          (influencer, last) -> expectedClicks.put(influencer, last.getClicks()));
      await()
          .atMost(SETTLE)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                assertThat(orders(attributions)).isEqualTo(expectedOrders);
                assertThat(clicks(windows)).isEqualTo(expectedClicks);
              });
      assertThat(attributions.connectorState()).isEqualTo("RUNNING");
      assertThat(windows.connectorState()).isEqualTo("RUNNING");
    }
  }

  @Test
  void outboxRowsWrittenWhileTheWorkerIsDownArePublishedAfterItRestarts(
      EmbeddedKafka kafka, EmbeddedPostgresServer postgres) throws Exception {
    String topic = TestNames.unique("referral_links");
    kafka.createTopic(topic, 1, Map.of("cleanup.policy", "compact"));
    OutboxFixture outbox = new OutboxFixture(postgres);
    AvroSerde<ReferralLink> serde =
        Serdes.forTopic(Topics.REFERRAL_LINKS, new BuiltInSchemaRegistry());
    try (RestartableWorker worker = new RestartableWorker(kafka.bootstrapServers()).start()) {
      ConnectRestClient client = new ConnectRestClient(worker.restUrl());
      client.apply(outbox.connector);
      OutboxFixture.awaitRunning(client, outbox.connector.name());
      OutboxWriter writer = new OutboxWriter(outbox, serde, topic);
      Thread writing = new Thread(writer, "restart-it-outbox-writer");
      writing.start();
      try {
        assertThat(TopicReader.read(kafka.bootstrapServers(), topic, 5)).hasSizeGreaterThan(4);
        worker.stop();
        awaitRounds(writer.rows::get, writer.rows.get() + 20);
        worker.start();
        client.apply(outbox.connector);
        OutboxFixture.awaitRunning(client, outbox.connector.name());
        awaitRounds(writer.rows::get, writer.rows.get() + 20);
      } finally {
        writer.finish = true;
        writing.join();
      }
      assertThat(writer.failure).as("writer failure").isNull();

      Map<String, ByteBuffer> lastRowPerAggregate = lastRowPerAggregate(outbox);
      Set<ByteBuffer> everyPayload = everyPayload(outbox);
      await()
          .atMost(SETTLE)
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                List<ConsumerRecord<String, byte[]>> records =
                    TopicReader.read(
                        kafka.bootstrapServers(),
                        topic,
                        writer.rows.get(),
                        Duration.ofSeconds(10),
                        new StringDeserializer(),
                        new ByteArrayDeserializer());
                Map<String, ByteBuffer> lastPerKey = new HashMap<>();
                Set<ByteBuffer> published = new HashSet<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                  ByteBuffer value =
                      record.value() == null ? null : ByteBuffer.wrap(record.value());
                  lastPerKey.put(record.key(), value);
                  published.add(value);
                }
                assertThat(published)
                    .as("every outbox row was published")
                    .containsAll(everyPayload);
                assertThat(lastPerKey)
                    .as("the topic's last record per key is the outbox's last row per aggregate")
                    .isEqualTo(lastRowPerAggregate);
              });
      client.delete(outbox.connector.name());
    }
  }

  private static void awaitRounds(IntSupplier progress, int atLeast) {
    await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> progress.getAsInt() >= atLeast);
  }

  private static long count(SinkFixture sink) throws Exception {
    String table = sink.topic.startsWith("attributions") ? "attributions" : "engagement_windows";
    return (Long) sink.rows("SELECT count(*) AS n FROM " + table).get(0).get("n");
  }

  private static Map<String, List<Long>> orders(SinkFixture sink) throws Exception {
    Map<String, List<Long>> rows = new HashMap<>();
    for (Map<String, Object> row :
        sink.rows(
            "SELECT order_id, revision, commission_minor, net_amount_minor FROM attributions")) {
      rows.put(
          (String) row.get("order_id"),
          List.of(
              (Long) row.get("revision"),
              (Long) row.get("commission_minor"),
              (Long) row.get("net_amount_minor")));
    }
    return rows;
  }

  private static Map<String, Long> clicks(SinkFixture sink) throws Exception {
    Map<String, Long> rows = new HashMap<>();
    for (Map<String, Object> row :
        sink.rows("SELECT influencer_id, clicks FROM engagement_windows")) {
      rows.put((String) row.get("influencer_id"), (Long) row.get("clicks"));
    }
    return rows;
  }

  /** The payload of each aggregate's newest outbox row (null: a tombstone), read from the table. */
  private static Map<String, ByteBuffer> lastRowPerAggregate(OutboxFixture outbox)
      throws Exception {
    Map<String, ByteBuffer> last = new HashMap<>();
    try (Connection connection = outbox.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT DISTINCT ON (aggregate_id) aggregate_id, payload FROM outbox"
                    + " ORDER BY aggregate_id, created_at DESC")) {
      while (rows.next()) {
        byte[] payload = rows.getBytes(2);
        last.put(rows.getString(1), payload == null ? null : ByteBuffer.wrap(payload));
      }
    }
    return last;
  }

  private static Set<ByteBuffer> everyPayload(OutboxFixture outbox) throws Exception {
    Set<ByteBuffer> payloads = new HashSet<>();
    try (Connection connection = outbox.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT payload FROM outbox")) {
      while (rows.next()) {
        byte[] payload = rows.getBytes(1);
        payloads.add(payload == null ? null : ByteBuffer.wrap(payload));
      }
    }
    return payloads;
  }

  /**
   * Rounds of updates to random keys of both topics until told to finish; remembers the last record
   * sent per key (one key stays on one partition, whose order the idempotent producer keeps).
   */
  private static final class Stream implements Runnable {

    final AtomicInteger rounds = new AtomicInteger();
    final Map<String, AttributedConversion> lastOrder = new ConcurrentHashMap<>();
    final Map<String, EngagementWindow> lastWindow = new ConcurrentHashMap<>();
    volatile boolean finish;
    volatile Exception failure;
    private final EmbeddedKafka kafka;
    private final String ordersTopic;
    private final String windowsTopic;

    Stream(EmbeddedKafka kafka, String ordersTopic, String windowsTopic) {
      this.kafka = kafka;
      this.ordersTopic = ordersTopic;
      this.windowsTopic = windowsTopic;
    }

    @Override
    public void run() {
      AvroSerde<AttributedConversion> orders =
          Serdes.forTopic(Topics.ATTRIBUTIONS, new BuiltInSchemaRegistry());
      AvroSerde<EngagementWindow> windows =
          Serdes.forTopic(Topics.ENGAGEMENT_WINDOWS, new BuiltInSchemaRegistry());
      Random random = new Random(7);
      try (var producer =
          new KafkaProducer<>(
              Map.<String, Object>of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  kafka.bootstrapServers(),
                  ProducerConfig.ACKS_CONFIG,
                  "all",
                  ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                  true),
              new StringSerializer(),
              new ByteArraySerializer())) {
        while (!finish) {
          long revision = rounds.get() + 1L;
          for (int i = 0; i < 10; i++) {
            AttributedConversion order =
                AttributedConversion.newBuilder(Attributions.sample())
                    .setOrderId("o-" + random.nextInt(ORDERS))
                    .setRevision(revision)
                    .setNetAmountMinor(random.nextInt(1_000_000))
                    .setCommissionMinor(random.nextInt(100_000))
                    .build();
            producer.send(
                new ProducerRecord<>(
                    ordersTopic, Topics.keyOf(order), orders.encode(ordersTopic, order)));
            lastOrder.put(order.getOrderId(), order);
            EngagementWindow window =
                Windows.sample("inf-" + random.nextInt(INFLUENCERS), random.nextInt(10_000), false);
            producer.send(
                new ProducerRecord<>(
                    windowsTopic, Topics.keyOf(window), windows.encode(windowsTopic, window)));
            lastWindow.put(window.getInfluencerId(), window);
          }
          producer.flush();
          rounds.incrementAndGet();
          Thread.sleep(50);
        }
      } catch (Exception e) {
        failure = e;
      }
    }
  }

  /**
   * Writes outbox rows for 10 aggregates until told to finish, each a new version of its link;
   * every seventh row is a tombstone.
   */
  private static final class OutboxWriter implements Runnable {

    final AtomicInteger rows = new AtomicInteger();
    volatile boolean finish;
    volatile Exception failure;
    private final OutboxFixture outbox;
    private final AvroSerde<ReferralLink> serde;
    private final String topic;

    OutboxWriter(OutboxFixture outbox, AvroSerde<ReferralLink> serde, String topic) {
      this.outbox = outbox;
      this.serde = serde;
      this.topic = topic;
    }

    @Override
    public void run() {
      try (Connection connection = outbox.connect()) {
        while (!finish) {
          int row = rows.get();
          String slug = "slug-" + row % 10;
          byte[] payload =
              row % 7 == 6
                  ? null
                  : serde.encode(
                      Topics.REFERRAL_LINKS.name(),
                      OutboxFixture.link(slug, "https://shop.example/v" + row));
          outbox.insert(connection, topic, slug, payload);
          rows.incrementAndGet();
          Thread.sleep(30);
        }
      } catch (Exception e) {
        failure = e;
      }
    }
  }
}
