package io.influmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.ReferralLink;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The promise end to end, with a real crash: a private broker is stopped during a click load,
 * clicks keep coming (spooled), the ingest process is killed with SIGKILL mid-outage, then the
 * broker and a new ingest process start. Every click that got a 302 must be in the clicks topic
 * (after dedup by click id): lost = 0.
 */
class DurabilityTest {

  private static final String SLUG = "durable";

  private final AvroSerde<ClickEvent> serde =
      Serdes.forTopic(Topics.CLICKS, new BuiltInSchemaRegistry());
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  @Test
  void noClickThatGotA302IsLostWhenTheBrokerStopsAndIngestIsKilledMidOutage() throws Exception {
    Path root = TestDirectories.fresh("durability-");
    int kafkaPort = freePort();
    int controllerPort = freePort();
    int httpPort = freePort();
    Path spool = root.resolve("spool");
    EmbeddedKafka kafka = EmbeddedKafka.start(root.resolve("kafka"), kafkaPort, controllerPort);
    String clicksTopic = "clicks";
    String linksTopic = "links";
    kafka.createTopic(clicksTopic, 3, Map.of());
    kafka.createTopic(linksTopic, 1, Topics.REFERRAL_LINKS.configs());
    kafka.createTopic("conversions", 1, Map.of());
    kafka.createTopic("conversions.dlq", 1, Map.of());
    ReferralLink link = IngestFixture.link(SLUG, "https://shop.example/durable");
    IngestFixture.publishLinks(kafka, linksTopic, List.of(link));

    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            "127.0.0.1:" + kafkaPort,
            "INGEST_HOST",
            "127.0.0.1",
            "INGEST_PORT",
            Integer.toString(httpPort),
            "INGEST_SPOOL_DIR",
            spool.toString(),
            "INGEST_VISITOR_HASH_SECRET",
            "durability-test-visitor-secret-0000000",
            "INGEST_CUSTOMER_HASH_SECRET",
            "durability-test-customer-secret-000000",
            "CLICK_ID_SECRETS",
            TestSecrets.builder().clickIdSecrets,
            "INGEST_CLICKS_TOPIC",
            clicksTopic,
            "INGEST_LINKS_TOPIC",
            linksTopic);
    Set<String> redirected = ConcurrentHashMap.newKeySet();
    Process first = startIngest(env, root.resolve("ingest-1.log"));
    Process second = null;
    AtomicBoolean clicking = new AtomicBoolean(true);
    AtomicInteger failures = new AtomicInteger();
    Thread load = new Thread(() -> clickUntilStopped(httpPort, redirected, clicking, failures));
    try {
      awaitReady(httpPort);
      load.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> redirected.size() >= 200);

      kafka.close();
      int beforeOutage = redirected.size();
      await().atMost(Duration.ofSeconds(20)).until(() -> redirected.size() >= beforeOutage + 200);
      first.destroyForcibly().waitFor();
      clicking.set(false);
      load.join();

      kafka = EmbeddedKafka.start(root.resolve("kafka"), kafkaPort, controllerPort);
      second = startIngest(env, root.resolve("ingest-2.log"));
      awaitReady(httpPort);

      Set<String> delivered = new HashSet<>();
      EmbeddedKafka broker = kafka;
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                delivered.addAll(clickIds(broker, clicksTopic));
                return delivered.containsAll(redirected);
              });
      Set<String> lost = new HashSet<>(redirected);
      lost.removeAll(delivered);
      assertThat(lost).as("clicks that got a 302 but are not in Kafka").isEmpty();
      assertThat(redirected.size()).isGreaterThanOrEqualTo(400);
    } finally {
      clicking.set(false);
      first.destroyForcibly();
      if (second != null) {
        second.destroyForcibly().waitFor();
      }
      kafka.close();
    }
  }

  private void clickUntilStopped(
      int port, Set<String> redirected, AtomicBoolean clicking, AtomicInteger failures) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/go/" + SLUG))
            .timeout(Duration.ofSeconds(3))
            .header(
                "User-Agent",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36")
            .build();
    while (clicking.get()) {
      try {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 302) {
          String location = response.headers().firstValue("Location").orElseThrow();
          redirected.add(location.substring(location.indexOf("im_click=") + 9));
        }
      } catch (IOException e) {
        failures.incrementAndGet(); // the killed process refuses connections: not a 302
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Set<String> clickIds(EmbeddedKafka kafka, String topic) {
    Set<String> ids = new HashSet<>();
    IngestFixture reader = IngestFixture.reader(kafka);
    for (ConsumerRecord<String, byte[]> record : reader.records(topic)) {
      ids.add(
          serde.decode(topic, record.partition(), record.offset(), record.value()).getClickId());
    }
    return ids;
  }

  private void awaitReady(int port) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () ->
                http.send(
                            HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/health/ready"))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200);
  }

  private static Process startIngest(Map<String, String> env, Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            IngestMain.class.getName());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
