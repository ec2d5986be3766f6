package io.influmeter.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.embedded.junit.TopicReader;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.ReferralLink;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/** Stopping and starting the stack on the same data directory keeps every topic and table. */
class LocalStackRestartIT {

  @Test
  void aRestartKeepsTheRecordsOfEveryTopicAndTheRowsOfEveryTable() throws Exception {
    Path data = StackFixtures.dataDirectory("restart");
    // Fixed ports across the restart, as a user's stack has.
    LocalStackOptions options = StackFixtures.fixedPorts(data);
    ClickEvent sent = StackFixtures.click("c-before-restart", "wanjiku");

    try (LocalStack first = LocalStack.start(options, System.out)) {
      AvroSerde<ClickEvent> serde = Serdes.forTopic(Topics.CLICKS, first.schemaRegistry());
      try (var producer =
          new KafkaProducer<>(
              Map.<String, Object>of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  first.kafka().bootstrapServers(),
                  ProducerConfig.ACKS_CONFIG,
                  "all"),
              new StringSerializer(),
              serde.serializer())) {
        producer.send(new ProducerRecord<>(Topics.CLICKS.name(), sent.getLinkId(), sent)).get();
      }
      try (Connection connection =
              DriverManager.getConnection(first.postgres().jdbcUrl(LocalStack.DATABASE));
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE kept (id int PRIMARY KEY, note text)");
        statement.execute("INSERT INTO kept VALUES (7, 'still here')");
      }
      awaitACompletedCheckpointOfEveryJob(first);
      writeLink(first, "before-restart");
      assertThat(linkRecords(first, "before-restart", 1)).as("published before the stop").isOne();
    }

    LocalStackOptions again = options.withFresh(false);
    try (LocalStack second = LocalStack.start(again, System.out)) {
      AvroSerde<ClickEvent> serde = Serdes.forTopic(Topics.CLICKS, second.schemaRegistry());
      List<ClickEvent> clicks =
          TopicReader.read(
                  second.kafka().bootstrapServers(),
                  Topics.CLICKS.name(),
                  1,
                  Duration.ofSeconds(30),
                  new StringDeserializer(),
                  serde.deserializer())
              .stream()
              .map(ConsumerRecord::value)
              .toList();
      assertThat(clicks).containsExactly(sent);
      try (Connection connection =
              DriverManager.getConnection(second.postgres().jdbcUrl(LocalStack.DATABASE));
          Statement statement = connection.createStatement()) {
        ResultSet rows = statement.executeQuery("SELECT note FROM kept WHERE id = 7");
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("still here");
      }
      assertThat(second.connectors()).as("the connectors are applied again").hasSize(3);
      writeLink(second, "after-restart");
      assertThat(linkRecords(second, "after-restart", 2)).as("published after the restart").isOne();
      assertThat(linkRecords(second, "before-restart", 2))
          .as("the CDC source resumed from its offsets: no re-snapshot, no repeat")
          .isOne();
      assertThat(second.jobs())
          .as("every stream job resumes from its last checkpoint")
          .hasSize(3)
          .allSatisfy(job -> assertThat(job.restoredFrom()).isNotNull());
      for (FlinkJobs.Submitted job : second.jobs()) {
        assertThat(checkpointStatistics(second, job))
            .as("Flink itself reports %s as restored from %s", job.name(), job.restoredFrom())
            .contains("\"restored\":{")
            .contains(job.restoredFrom().getFileName().toString());
      }
    }
  }

  private static void writeLink(LocalStack stack, String slug) throws Exception {
    ReferralLink link = StackFixtures.link(slug, "https://shop.example/" + slug);
    byte[] payload =
        Serdes.forTopic(Topics.REFERRAL_LINKS, stack.schemaRegistry())
            .encode(Topics.REFERRAL_LINKS.name(), link);
    StackFixtures.writeToOutbox(stack, Topics.REFERRAL_LINKS.name(), slug, payload);
  }

  /** Records of {@code slug} in referral.links, once the topic holds {@code atLeast} records. */
  private static long linkRecords(LocalStack stack, String slug, int atLeast) {
    return StackFixtures.recordsWithKey(stack, Topics.REFERRAL_LINKS.name(), slug, atLeast);
  }

  /** Flink's checkpoint statistics of a job (REST {@code /jobs/<id>/checkpoints}). */
  private static String checkpointStatistics(LocalStack stack, FlinkJobs.Submitted job)
      throws Exception {
    String url = stack.flink().restUrl() + "/jobs/" + job.client().getJobID() + "/checkpoints";
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** The jobs keep checkpoints on cancellation; one must be complete before the stop. */
  private static void awaitACompletedCheckpointOfEveryJob(LocalStack stack) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    for (FlinkJobs.Submitted job : stack.jobs()) {
      while (true) {
        String body = checkpointStatistics(stack, job);
        if (!body.contains("\"completed\":0")) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no completed checkpoint of " + job.name() + ": " + body);
        }
        Thread.sleep(500);
      }
    }
  }
}
