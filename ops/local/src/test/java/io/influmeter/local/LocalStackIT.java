package io.influmeter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.connectors.ConnectRestClient;
import io.influmeter.connectors.ConnectorConfig;
import io.influmeter.embedded.DataDirectoryLockedException;
import io.influmeter.embedded.PortInUseException;
import io.influmeter.embedded.Ports;
import io.influmeter.embedded.junit.TopicReader;
import io.influmeter.events.AttributedConversion;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.ReferralLink;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local stack as the start command runs it: every service up and answering. */
class LocalStackIT {

  private static final Path DATA = StackFixtures.dataDirectory("stack");
  private static LocalStack stack;

  @BeforeAll
  static void startTheStack() {
    stack = LocalStack.start(LocalStackOptions.ephemeral(DATA, true), System.out);
  }

  @AfterAll
  static void stopTheStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everyCatalogTopicExistsWithItsCleanupPolicy() throws Exception {
    try (var admin = stack.kafka().admin()) {
      assertThat(admin.listTopics().names().get())
          .containsAll(Topics.all().stream().map(spec -> spec.name()).toList());
      var resource =
          new org.apache.kafka.common.config.ConfigResource(
              org.apache.kafka.common.config.ConfigResource.Type.TOPIC,
              Topics.REFERRAL_LINKS.name());
      var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }
  }

  @Test
  void aRecordProducedThroughTheCatalogSerializerIsReadBackByAConsumer() {
    AvroSerde<ClickEvent> serde = Serdes.forTopic(Topics.CLICKS, stack.schemaRegistry());
    ClickEvent sent = StackFixtures.click("c-roundtrip", "murugi");
    try (var producer = producer(serde)) {
      producer.send(new ProducerRecord<>(Topics.CLICKS.name(), sent.getLinkId(), sent));
    }
    List<ConsumerRecord<String, byte[]>> records = readAll(Topics.CLICKS.name(), 1);
    ClickEvent received =
        records.stream()
            .map(r -> serde.decode(r.topic(), r.partition(), r.offset(), r.value()))
            .filter(click -> click.getClickId().equals("c-roundtrip"))
            .findFirst()
            .orElseThrow();
    assertThat(received).isEqualTo(sent);
  }

  @Test
  void theSchemaRegistryEndpointsServeTheSchemaOfAProducedRecord() throws Exception {
    AvroSerde<ClickEvent> serde = Serdes.forTopic(Topics.CLICKS, stack.schemaRegistry());
    byte[] bytes = serde.encode(Topics.CLICKS.name(), StackFixtures.click("c-registry", "njugush"));
    int id = java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt();
    String base = "http://127.0.0.1:" + stack.schemaRegistryPort();
    HttpResponse<String> subjects = get(base + "/subjects");
    assertThat(subjects.statusCode()).isEqualTo(200);
    assertThat(subjects.body()).contains("\"clicks-value\"");
    HttpResponse<String> byId = get(base + "/schemas/ids/" + id);
    assertThat(byId.statusCode()).isEqualTo(200);
    assertThat(byId.body()).contains("ClickEvent");
  }

  @Test
  void aRowWrittenThroughJdbcIsReadBack() throws Exception {
    try (Connection connection =
            DriverManager.getConnection(stack.postgres().jdbcUrl(LocalStack.DATABASE));
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS stack_probe (id int PRIMARY KEY, note text)");
      statement.execute("INSERT INTO stack_probe VALUES (1, 'written') ON CONFLICT DO NOTHING");
      ResultSet rows = statement.executeQuery("SELECT note FROM stack_probe WHERE id = 1");
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("written");
      ResultSet level = statement.executeQuery("SHOW wal_level");
      level.next();
      assertThat(level.getString(1)).as("CDC needs logical decoding").isEqualTo("logical");
      ResultSet commit = statement.executeQuery("SHOW synchronous_commit");
      commit.next();
      assertThat(commit.getString(1)).as("durable, and CDC sees commits at once").isEqualTo("on");
    }
  }

  @Test
  void theConnectWorkerAnswersItsRestApi() throws Exception {
    HttpResponse<String> root = get(stack.connect().restUrl() + "/");
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.body()).contains("\"version\":\"4.2.2\"");
    HttpResponse<String> connectors = get(stack.connect().restUrl() + "/connectors");
    assertThat(connectors.statusCode()).isEqualTo(200);
    assertThat(connectors.body()).startsWith("[");
  }

  @Test
  void theStackRunsTheThreeCommittedConnectors() throws Exception {
    assertThat(stack.connectors())
        .containsExactly(
            "outbox-cdc-source", "attributions-jdbc-sink", "engagement-windows-jdbc-sink");
    ConnectRestClient client = new ConnectRestClient(stack.connect().restUrl());
    for (String name : stack.connectors()) {
      JsonNode status = client.status(name);
      assertThat(status.path("connector").path("state").asText()).as(name).isEqualTo("RUNNING");
      assertThat(status.path("tasks").get(0).path("state").asText()).as(name).isEqualTo("RUNNING");
    }
  }

  @Test
  void aConnectorThatCannotStartFailsWithOneLineNamingIt() {
    ConnectorConfig cdc = StackConnectors.committed(stack.environment()).get(0);
    ConnectorConfig broken =
        new ConnectorConfig(
            "broken-cdc-probe",
            cdc.with(
                    Map.of(
                        "database.port", String.valueOf(Ports.freePort()),
                        "slot.name", "broken_probe",
                        "publication.name", "broken_probe"))
                .config());
    ConnectRestClient client = new ConnectRestClient(stack.connect().restUrl());
    try {
      assertThatThrownBy(() -> StackConnectors.apply(stack.connect().restUrl(), List.of(broken)))
          .isInstanceOf(ConnectorStartException.class)
          .hasMessageStartingWith("connector broken-cdc-probe ")
          .hasMessageNotContaining("\n");
    } finally {
      try {
        client.delete(broken.name());
      } catch (IllegalStateException neverCreated) {
        // Connect refused the config at validation: nothing to delete.
      }
    }
  }

  @Test
  void aReferralLinkWrittenToTheOutboxRedirectsThroughIngestWithinTwoSeconds() throws Exception {
    // Three links one after another: the first also pays one-time costs (the Connect producer's
    // first metadata request for referral.links), so the median is the figure of a running stack.
    List<Duration> latencies = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      latencies.add(outboxToRedirect("outbox-probe-" + i));
    }
    System.out.printf(
        "outbox row -> CDC -> referral.links -> ingest redirect: %s ms%n",
        latencies.stream().map(latency -> String.valueOf(latency.toMillis())).toList());
    List<Duration> sorted = latencies.stream().sorted().toList();
    assertThat(sorted.get(1))
        .as("median outbox -> redirect latency")
        .isLessThanOrEqualTo(Duration.ofSeconds(2));
  }

  /** Writes a link of {@code slug} into the outbox and times it until ingest redirects it. */
  private static Duration outboxToRedirect(String slug) throws Exception {
    String destination = "https://shop.example/" + slug;
    ReferralLink link = StackFixtures.link(slug, destination);
    byte[] payload =
        Serdes.forTopic(Topics.REFERRAL_LINKS, stack.schemaRegistry())
            .encode(Topics.REFERRAL_LINKS.name(), link);
    String url = "http://127.0.0.1:" + stack.ingestPort() + "/go/" + slug;
    assertThat(get(url).statusCode()).as("unknown before the outbox row").isEqualTo(404);

    long written = System.nanoTime();
    StackFixtures.writeToOutbox(stack, Topics.REFERRAL_LINKS.name(), Topics.keyOf(link), payload);
    HttpResponse<String> redirect = get(url);
    while (redirect.statusCode() != 302
        && System.nanoTime() - written < Duration.ofSeconds(30).toNanos()) {
      Thread.sleep(10);
      redirect = get(url);
    }
    Duration latency = Duration.ofNanos(System.nanoTime() - written);
    assertThat(redirect.statusCode()).as(slug).isEqualTo(302);
    assertThat(redirect.headers().firstValue("Location"))
        .get(InstanceOfAssertFactories.STRING)
        .startsWith(destination);
    return latency;
  }

  @Test
  void anAttributedOrderProducedToItsTopicBecomesARowOfTheAttributionsTable() throws Exception {
    AttributedConversion order = StackFixtures.attributed("stack-probe-1", 31_250);
    AvroSerde<AttributedConversion> serde =
        Serdes.forTopic(Topics.ATTRIBUTIONS, stack.schemaRegistry());
    long sent = System.nanoTime();
    try (var producer = producer(serde)) {
      producer
          .send(new ProducerRecord<>(Topics.ATTRIBUTIONS.name(), Topics.keyOf(order), order))
          .get();
    }
    try (Connection connection =
            DriverManager.getConnection(stack.postgres().jdbcUrl(LocalStack.DATABASE));
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT commission_minor, revision FROM attributions"
                    + " WHERE store_id = ? AND order_id = ?")) {
      select.setString(1, order.getStoreId());
      select.setString(2, order.getOrderId());
      long deadline = sent + Duration.ofSeconds(60).toNanos();
      boolean found = false;
      while (!found && System.nanoTime() < deadline) {
        try (ResultSet row = select.executeQuery()) {
          found = row.next();
          if (found) {
            assertThat(row.getLong(1)).isEqualTo(31_250L);
            assertThat(row.getLong(2)).isEqualTo(1L);
          }
        }
        if (!found) {
          Thread.sleep(20);
        }
      }
      System.out.printf(
          "attributions record -> JDBC sink -> PostgreSQL row: %d ms%n",
          Duration.ofNanos(System.nanoTime() - sent).toMillis());
      assertThat(found).as("the order's row in attributions").isTrue();
    }
  }

  @Test
  void aFlinkJobOnTheMiniClusterCopiesRecordsBetweenTopicsOfTheEmbeddedBroker() throws Exception {
    String input = "flink_in";
    String output = "flink_out";
    stack.kafka().createTopic(input, 2, Map.of());
    stack.kafka().createTopic(output, 2, Map.of());
    AvroSerde<ClickEvent> serde = Serdes.forTopic(Topics.CLICKS, stack.schemaRegistry());
    try (var producer = producer(serde)) {
      for (int i = 0; i < 20; i++) {
        ClickEvent click = StackFixtures.click("c-" + i, "slug-" + i);
        producer.send(new ProducerRecord<>(input, click.getLinkId(), click));
      }
    }
    TrivialFlinkJob.run(
        stack.flink().environment(), stack.kafka().bootstrapServers(), input, output);
    List<String> slugs =
        readAll(output, 20).stream()
            .map(r -> new String(r.value(), StandardCharsets.UTF_8))
            .toList();
    assertThat(slugs).hasSize(20).contains("SLUG-0", "SLUG-19");
  }

  @Test
  void theApiServerAndIngestAnswerTheirHealthChecks() throws Exception {
    HttpResponse<String> api = get("http://127.0.0.1:" + stack.apiPort() + "/health/ready");
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.body()).contains("UP");
    HttpResponse<String> ingest = get("http://127.0.0.1:" + stack.ingestPort() + "/health/live");
    assertThat(ingest.statusCode()).isEqualTo(200);
    HttpResponse<String> unknownSlug =
        get("http://127.0.0.1:" + stack.ingestPort() + "/go/no-such-link");
    assertThat(unknownSlug.statusCode()).isEqualTo(404);
  }

  @Test
  void theThreeStreamJobsRunOnTheMiniCluster() throws Exception {
    HttpResponse<String> jobs = get(stack.flink().restUrl() + "/jobs/overview");
    assertThat(stack.jobs()).hasSize(3);
    for (FlinkJobs.Submitted job : stack.jobs()) {
      assertThat(job.client().getJobStatus().get())
          .as(job.name())
          .isEqualTo(org.apache.flink.api.common.JobStatus.RUNNING);
      assertThat(jobs.body()).contains(job.name());
    }
  }

  @Test
  void aSecondStackOnTheSameDataDirectoryIsRefusedWithAClearError() {
    assertThatThrownBy(() -> LocalStack.start(LocalStackOptions.ephemeral(DATA, false), silent()))
        .isInstanceOf(DataDirectoryLockedException.class)
        .hasMessageContaining("in use by another Influmeter stack")
        .hasMessageContaining("--data-dir");
  }

  @Test
  void aTakenPortIsRefusedWithOneLineNamingThePortAndTheOption() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      LocalStackOptions options =
          LocalStackOptions.parse(
              new String[] {
                "--data-dir", StackFixtures.dataDirectory("port-clash").toString(),
                "--connect-plugins", LocalStackOptions.testConnectPlugins().toString(),
                "--kafka-port", String.valueOf(port)
              },
              Map.of());
      assertThatThrownBy(() -> LocalStack.start(options, silent()))
          .isInstanceOf(PortInUseException.class)
          .hasMessage(
              "port "
                  + port
                  + " for Kafka is already in use; stop whatever holds it or choose another with"
                  + " --kafka-port");
    }
  }

  private static PrintStream silent() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  private static <T extends SpecificRecord> KafkaProducer<String, T> producer(AvroSerde<T> serde) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.kafka().bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        serde.serializer());
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int atLeast) {
    return TopicReader.read(stack.kafka().bootstrapServers(), topic, atLeast);
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
