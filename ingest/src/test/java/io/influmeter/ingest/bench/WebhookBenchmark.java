package io.influmeter.ingest.bench;

import io.influmeter.ingest.webhooks.Signatures;
import io.influmeter.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Signed Shopify-style deliveries (distinct orders, about 2.6 KB bodies), each answered only once
 * durable: first as fast as 64 connections go (closed loop), then at a constant 5,000/s (open loop,
 * latency from each intended send time). Broker and ingest run in JVMs of their own ({@link
 * BenchStack}); the load generator ({@link HttpLoad}, pre-signed raw requests) in the benchmark's.
 * Checks that the conversions topic received one record per 200. Not a test; run:
 *
 * <pre>
 * mvn -q -B -pl ingest test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.influmeter.ingest.bench.WebhookBenchmark
 * </pre>
 */
public final class WebhookBenchmark {

  private static final String SECRET = "benchmark-signing-secret-000000000000000";
  private static final int DELIVERIES = Integer.getInteger("bench.deliveries", 60_000);
  private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 64);
  private static final int RATE = Integer.getInteger("bench.rate", 5_000);
  private static final Duration RATE_DURATION = Duration.ofSeconds(15);
  private static final int WARM_UP = 10_000;

  private WebhookBenchmark() {}

  public static void main(String[] args) throws Exception {
    String storeId = UUID.randomUUID().toString();
    Path root = BenchStack.newRoot("bench-hooks-");
    String loadBefore = BenchStack.loadAverage();
    int constantCount = (int) (RATE * RATE_DURATION.toSeconds());
    String path = "/webhooks/shopify/" + storeId;
    BenchStack.progress("signing %,d distinct orders", WARM_UP + DELIVERIES + constantCount);
    List<byte[]> requests = new ArrayList<>(WARM_UP + DELIVERIES + constantCount);
    for (int i = 0; i < WARM_UP + DELIVERIES + constantCount; i++) {
      byte[] body = order(1_000_000_000L + i).getBytes(StandardCharsets.UTF_8);
      requests.add(
          HttpLoad.post(
              path,
              body,
              "Content-Type: application/json",
              "X-Shopify-Topic: orders/create",
              "X-Shopify-Webhook-Id: " + UUID.randomUUID(),
              "X-Shopify-Hmac-Sha256: "
                  + Signatures.base64Header(SECRET.getBytes(StandardCharsets.UTF_8), body)));
    }
    List<String> lines = new ArrayList<>();
    try (BenchStack stack = BenchStack.start(root, bootstrap -> {}, storeId, SECRET)) {
      BenchStack.progress("warm-up: %,d deliveries", WARM_UP);
      HttpLoad.closedLoop(stack.ingestPort, CONCURRENCY, WARM_UP, requests::get);
      long before = stack.endOffsets(Topics.CONVERSIONS.name());
      long spooledBefore = stack.spooledRecords();
      BenchStack.progress("%,d deliveries over %d connections", DELIVERIES, CONCURRENCY);
      long[] cpu = stack.cpuMicros();
      HttpLoad.Result closed =
          HttpLoad.closedLoop(
              stack.ingestPort, CONCURRENCY, DELIVERIES, i -> requests.get(WARM_UP + i));
      lines.add(
          row(
              CONCURRENCY + " connections",
              closed,
              stack.spooledRecords() - spooledBefore,
              cpu,
              stack.cpuMicros()));
      BenchStack.progress("constant %,d deliveries/s for %ds", RATE, RATE_DURATION.toSeconds());
      spooledBefore = stack.spooledRecords();
      cpu = stack.cpuMicros();
      HttpLoad.Result constant =
          HttpLoad.constantRate(
              stack.ingestPort,
              CONCURRENCY,
              RATE,
              RATE_DURATION,
              i -> requests.get(WARM_UP + DELIVERIES + i));
      lines.add(
          row(
              "constant " + String.format("%,d", RATE) + "/s",
              constant,
              stack.spooledRecords() - spooledBefore,
              cpu,
              stack.cpuMicros()));
      Thread.sleep(1_000);
      long produced = stack.endOffsets(Topics.CONVERSIONS.name()) - before;
      long ok = closed.status(200) + constant.status(200);
      lines.add(
          String.format(
              "%nbody size: %d bytes; 200s: %,d; records in conversions: %,d (must be equal)",
              order(1).length(), ok, produced));
    }
    System.out.println();
    System.out.printf(
        "Signed Shopify-style webhooks (load average %s at start, %s at end; %s)%n%n",
        loadBefore, BenchStack.loadAverage(), BenchStack.SERVICE_JVM);
    System.out.println(
        "| load | deliveries | req/s | p50 ms | p99 ms | p99.9 ms | 200s | other | spool path"
            + " | ingest CPU us/delivery | broker CPU us/delivery |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    lines.forEach(System.out::println);
  }

  private static String row(
      String load, HttpLoad.Result result, long spooled, long[] cpuBefore, long[] cpuAfter) {
    return String.format(
        "| %s | %,d | %,.0f | %.1f | %.1f | %.1f | %,d | %,d | %,d | %.0f | %.0f |",
        load,
        result.requests(),
        result.rate(),
        result.percentileMs(50),
        result.percentileMs(99),
        result.percentileMs(99.9),
        result.status(200),
        result.requests() - result.status(200) + result.errors() + result.unsent(),
        spooled,
        (cpuAfter[0] - cpuBefore[0]) / (double) result.requests(),
        (cpuAfter[1] - cpuBefore[1]) / (double) result.requests());
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
}
