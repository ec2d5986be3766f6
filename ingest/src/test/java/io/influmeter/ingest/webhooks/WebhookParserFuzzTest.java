package io.influmeter.ingest.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.influmeter.events.StorePlatform;
import io.influmeter.ingest.stores.Store;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Any body, correctly signed, either maps or is refused as malformed (400): no other exception may
 * escape a parser, because the handler would turn it into a 500. Runs the seed corpus in the unit
 * build (regression mode); {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class WebhookParserFuzzTest {

  private static final String SECRET = "fuzz-signing-secret-000000000000000000";
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final Conversions CONVERSIONS =
      new Conversions(
          "fuzz-customer-secret".getBytes(StandardCharsets.UTF_8), id -> id.length() == 68);

  @FuzzTest(maxDuration = "30s")
  void shopifyOrders(byte[] body) {
    check(new ShopifyWebhooks(CONVERSIONS), body, Map.of("x-shopify-topic", "orders/create"));
  }

  @FuzzTest(maxDuration = "30s")
  void shopifyRefunds(byte[] body) {
    check(new ShopifyWebhooks(CONVERSIONS), body, Map.of("x-shopify-topic", "refunds/create"));
  }

  @FuzzTest(maxDuration = "30s")
  void wooCommerceOrders(byte[] body) {
    check(
        new WooCommerceWebhooks(CONVERSIONS), body, Map.of("x-wc-webhook-topic", "order.updated"));
  }

  @FuzzTest(maxDuration = "30s")
  void stripeEvents(byte[] body) {
    check(new StripeWebhooks(CONVERSIONS), body, Map.of());
  }

  @FuzzTest(maxDuration = "30s")
  void genericEvents(byte[] body) {
    check(new GenericWebhooks(CONVERSIONS), body, Map.of());
  }

  private static void check(PlatformWebhooks platform, byte[] body, Map<String, String> topic) {
    Store store = new Store("store-1", "brand-1", platform.platform(), "USD", SECRET, null, null);
    WebhookRequest request =
        new WebhookRequest(store.id(), signedHeaders(platform, body, topic), body, NOW);

    assertThat(platform.signatureValid(request, store.secretsAt(NOW))).isTrue();
    try {
      ParsedWebhook parsed = platform.parse(request, store);
      if (parsed instanceof ParsedWebhook.Conversion conversion) {
        assertThat(conversion.event().getAmountMinor()).isNotNegative();
        assertThat(conversion.event().getEventId())
            .startsWith(platform.platform().name() + ":store-1:");
      }
    } catch (MalformedWebhookException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  private static Map<String, String> signedHeaders(
      PlatformWebhooks platform, byte[] body, Map<String, String> topic) {
    byte[] key = SECRET.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new HashMap<>(topic);
    StorePlatform which = platform.platform();
    switch (which) {
      case SHOPIFY -> headers.put("x-shopify-hmac-sha256", Signatures.base64Header(key, body));
      case WOOCOMMERCE -> headers.put("x-wc-webhook-signature", Signatures.base64Header(key, body));
      case STRIPE ->
          headers.put(
              "stripe-signature", Signatures.timestampedHeader(key, NOW.getEpochSecond(), body));
      case GENERIC ->
          headers.put(
              "influmeter-signature",
              Signatures.timestampedHeader(key, NOW.getEpochSecond(), body));
    }
    return headers;
  }
}
