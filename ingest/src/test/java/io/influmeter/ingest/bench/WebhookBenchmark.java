package io.influmeter.ingest.bench;

import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.events.StorePlatform;
import io.influmeter.ingest.Ingest;
import io.influmeter.ingest.IngestConfig;
import io.influmeter.ingest.TestSecrets;
import io.influmeter.ingest.stores.InMemoryStoreDirectory;
import io.influmeter.ingest.stores.Store;
import io.influmeter.ingest.webhooks.Signatures;
import io.influmeter.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Signed Shopify-style deliveries (distinct orders, about 3 KB bodies) at a fixed concurrency with
 * the JDK HTTP client, each answered only once durable; reports throughput, p50/p99 and checks the
 * conversions topic received one record per 200. Not a test; run:
 *
 * <pre>
 * mvn -q -B -pl ingest test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.influmeter.ingest.bench.WebhookBenchmark
 * </pre>
 */
public final class WebhookBenchmark {

  private static final String SECRET = "benchmark-signing-secret-000000000000000";
  private static final int DELIVERIES = Integer.getInteger("bench.deliveries", 30_000);
  private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 64);

  private WebhookBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root =
        Files.createTempDirectory(
            Path.of(System.getProperty("bench.dir", "ingest/target")), "bench-hooks-");
    EmbeddedKafka kafka = EmbeddedKafka.start(root.resolve("kafka"), 0, 0);
    kafka.createTopics(Topics.all());
    Store store =
        new Store(
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            StorePlatform.SHOPIFY,
            "USD",
            SECRET,
            null,
            null);
    IngestConfig config =
        TestSecrets.builder()
            .with(
                b -> {
                  b.host = "127.0.0.1";
                  b.port = 0;
                  b.kafkaBootstrapServers = kafka.bootstrapServers();
                  b.spoolDirectory = root.resolve("spool");
                  return b;
                })
            .build();
    Ingest ingest = Ingest.start(config, new InMemoryStoreDirectory().put(store));
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI uri = URI.create("http://127.0.0.1:" + ingest.port() + "/webhooks/shopify/" + store.id());
    try {
      List<HttpRequest> requests = new ArrayList<>(DELIVERIES + 2_000);
      for (int i = 0; i < DELIVERIES + 2_000; i++) {
        byte[] body = order(1_000_000_000L + i).getBytes(StandardCharsets.UTF_8);
        requests.add(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
                .header(
                    "X-Shopify-Hmac-Sha256",
                    Signatures.base64Header(SECRET.getBytes(StandardCharsets.UTF_8), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
      }
      System.out.printf("body size: %d bytes%n", order(1).length());
      run(client, requests.subList(0, 2_000)); // warm-up
      long before = endOffsets(kafka);
      Result result = run(client, requests.subList(2_000, requests.size()));
      Thread.sleep(1_000);
      long produced = endOffsets(kafka) - before;
      System.out.printf(
          "| %d | %,d | %,.0f | %.1f | %.1f | %,d | %,d |%n",
          CONCURRENCY, DELIVERIES, result.rate, result.p50Ms, result.p99Ms, result.ok, produced);
    } finally {
      ingest.close();
      kafka.close();
    }
  }

  private record Result(double rate, double p50Ms, double p99Ms, long ok) {}

  private static Result run(HttpClient client, List<HttpRequest> requests)
      throws InterruptedException {
    Semaphore permits = new Semaphore(CONCURRENCY);
    long[] latencies = new long[requests.size()];
    AtomicLong ok = new AtomicLong();
    List<CompletableFuture<?>> all = new ArrayList<>(requests.size());
    long start = System.nanoTime();
    for (int i = 0; i < requests.size(); i++) {
      permits.acquire();
      int index = i;
      long sent = System.nanoTime();
      all.add(
          client
              .sendAsync(requests.get(i), HttpResponse.BodyHandlers.discarding())
              .whenComplete(
                  (response, error) -> {
                    latencies[index] = System.nanoTime() - sent;
                    if (error == null && response.statusCode() == 200) {
                      ok.incrementAndGet();
                    }
                    permits.release();
                  }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latencies);
    return new Result(
        requests.size() / seconds,
        latencies[latencies.length / 2] / 1e6,
        latencies[(int) (latencies.length * 0.99)] / 1e6,
        ok.get());
  }

  // A Shopify orders/create payload of realistic size (line items, addresses, attributes).
  private static String order(long id) {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      if (i > 0) {
        items.append(',');
      }
      items.append(
          """
          {"id": %d, "variant_id": 39072856, "title": "Linen shirt %d", "quantity": 1, "sku": "LS-%d",
           "price": "24.99", "total_discount": "0.00", "vendor": "Murugi Studio", "taxable": true,
           "properties": [{"name": "size", "value": "M"}], "tax_lines": [{"price": "2.50", "rate": 0.1, "title": "VAT"}]}
          """
              .formatted(id * 10 + i, i, i));
    }
    return """
        {"id": %d, "email": "shopper%d@example.com", "created_at": "2026-11-25T10:00:00-05:00",
         "currency": "USD", "total_price": "149.94", "subtotal_price": "149.94", "total_tax": "15.00",
         "financial_status": "paid", "discount_codes": [{"code": "MURUGI25", "amount": "10.00", "type": "percentage"}],
         "note_attributes": [{"name": "gift", "value": "no"}], "landing_site": "/collections/linen?utm_source=instagram",
         "billing_address": {"first_name": "Amina", "last_name": "W", "address1": "1 Moi Avenue", "city": "Nairobi", "country": "Kenya", "zip": "00100"},
         "shipping_address": {"first_name": "Amina", "last_name": "W", "address1": "1 Moi Avenue", "city": "Nairobi", "country": "Kenya", "zip": "00100"},
         "customer": {"id": 115310627314723954, "email": "shopper%d@example.com", "orders_count": 3},
         "line_items": [%s]}
        """
        .formatted(id, id, id, items);
  }

  private static long endOffsets(EmbeddedKafka kafka) {
    String topic = Topics.CONVERSIONS.name();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
