package io.influmeter.ingest;

import static io.influmeter.ingest.WebhookDeliveries.CURRENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.events.ReferralLink;
import io.influmeter.events.StorePlatform;
import io.influmeter.ingest.delivery.ProducerFactory;
import io.influmeter.ingest.links.Link;
import io.influmeter.ingest.links.LinkTable;
import io.influmeter.ingest.spool.Spool;
import io.influmeter.ingest.spool.SpoolPosition;
import io.influmeter.ingest.stores.InMemoryStoreDirectory;
import io.influmeter.ingest.stores.Store;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

/**
 * Kafka unreachable (nothing listens on its port): clicks and webhooks are answered from the
 * spool's fsync; when the spool refuses too, shoppers are still redirected and stores get 503 with
 * Retry-After (WooCommerce included: nothing was stored, a 200 would lose the order).
 */
class KafkaUnavailableTest {

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void withASpoolClicksAndWebhooksAreAnsweredOnceFsyncedAndKeptForTheRelay() throws Exception {
    try (Running running = start(64L << 20)) {
      HttpResponse<String> click = get(running, "/go/spooled");
      assertThat(click.statusCode()).isEqualTo(302);
      for (StorePlatform platform : StorePlatform.values()) {
        HttpResponse<String> hook = deliver(running, platform);
        assertThat(hook.statusCode()).as(platform + " " + hook.body()).isEqualTo(200);
      }
      // Fsynced before each answer; visible to readers a moment later.
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(5))
          .until(() -> running.spool.read(SpoolPosition.START, 100).records().size() == 5);
      assertThat(running.metrics.scrape())
          .contains("ingest_delivery_total{outcome=\"spooled\"} 5.0");
    }
  }

  @Test
  void withAFullSpoolShoppersAreStillRedirectedAndStoresAreToldToRetry() throws Exception {
    try (Running running = start(16)) {
      HttpResponse<String> click = get(running, "/go/spooled");
      assertThat(click.statusCode()).isEqualTo(302);
      for (StorePlatform platform : StorePlatform.values()) {
        HttpResponse<String> hook = deliver(running, platform);
        assertThat(hook.statusCode()).as(platform.name()).isEqualTo(503);
        assertThat(hook.headers().firstValue("Retry-After")).isPresent();
        assertThat(hook.headers().firstValue("Content-Type").orElseThrow())
            .startsWith("application/problem+json");
      }
      assertThat(running.metrics.scrape()).contains("ingest_delivery_lost_total 5.0");
    }
  }

  private HttpResponse<String> deliver(Running running, StorePlatform platform) throws Exception {
    Store store = running.stores.get(platform);
    byte[] body =
        WebhookDeliveries.utf8(
            WebhookDeliveries.orderBody(platform, Long.toString(System.nanoTime())));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + running.server.port() + WebhookDeliveries.path(store)))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    WebhookDeliveries.signed(platform, body, CURRENT, Instant.now()).forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(Running running, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.server.port() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Running start(long spoolBytes) throws IOException {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    IngestConfig config =
        TestSecrets.builder()
            .with(
                b -> {
                  b.host = "127.0.0.1";
                  b.port = 0;
                  b.kafkaBootstrapServers = "127.0.0.1:" + deadPort;
                  b.spoolDirectory = TestDirectories.fresh("unavailable-spool-");
                  b.spoolMaxBytes = spoolBytes;
                  b.webhookAckBudget = java.time.Duration.ofMillis(50);
                  return b;
                })
            .build();
    LinkTable links = new LinkTable();
    ReferralLink link = IngestFixture.link("spooled", "https://shop.example/s");
    links.put(link.getSlug(), Link.of(link));
    links.markReady();
    InMemoryStoreDirectory directory = new InMemoryStoreDirectory();
    Map<StorePlatform, Store> stores = new java.util.EnumMap<>(StorePlatform.class);
    for (StorePlatform platform : StorePlatform.values()) {
      stores.put(platform, WebhookDeliveries.store(platform, null));
      directory.put(stores.get(platform));
    }
    Producer<String, byte[]> producer =
        ProducerFactory.create(config.kafkaBootstrapServers(), "test");
    Spool spool =
        Spool.open(config.spoolDirectory(), config.spoolMaxBytes(), config.spoolSegmentBytes());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    IngestServer server =
        IngestServer.create(
                config,
                producer,
                spool,
                links,
                directory,
                new BuiltInSchemaRegistry(),
                Clock.systemUTC(),
                metrics)
            .start();
    return new Running(server, producer, spool, metrics, stores);
  }

  private record Running(
      IngestServer server,
      Producer<String, byte[]> producer,
      Spool spool,
      PrometheusMeterRegistry metrics,
      Map<StorePlatform, Store> stores)
      implements AutoCloseable {
    @Override
    public void close() {
      server.close();
      producer.close(java.time.Duration.ZERO);
      spool.close();
    }
  }
}
