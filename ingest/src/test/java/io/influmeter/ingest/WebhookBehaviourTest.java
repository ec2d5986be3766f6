package io.influmeter.ingest;

import static io.influmeter.ingest.WebhookDeliveries.CURRENT;
import static io.influmeter.ingest.WebhookDeliveries.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ConversionKind;
import io.influmeter.events.StorePlatform;
import io.influmeter.ingest.stores.InMemoryStoreDirectory;
import io.influmeter.ingest.stores.Store;
import io.influmeter.schemas.ClickId;
import io.influmeter.schemas.DeadLetters;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Mapping, idempotency and error answers of the webhook endpoint, on the real broker. */
@ExtendWith(EmbeddedServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookBehaviourTest {

  private static final AtomicLong ORDER_IDS = new AtomicLong(System.currentTimeMillis());

  private final AvroSerde<ConversionEvent> serde =
      Serdes.forTopic(Topics.CONVERSIONS, new BuiltInSchemaRegistry());
  private final Map<StorePlatform, Store> stores = new EnumMap<>(StorePlatform.class);
  private IngestFixture fixture;

  @BeforeAll
  void start(EmbeddedKafka kafka) {
    InMemoryStoreDirectory directory = new InMemoryStoreDirectory();
    for (StorePlatform platform : StorePlatform.values()) {
      stores.put(platform, WebhookDeliveries.store(platform, null));
      directory.put(stores.get(platform));
    }
    fixture =
        IngestFixture.start(kafka, directory, List.of(), TestDirectories.fresh("hook-spool-"));
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  @Test
  void fiveConcurrentDuplicateDeliveriesGiveOneConversion() {
    long before = conversions();
    byte[] body = utf8(WebhookDeliveries.orderBody(StorePlatform.SHOPIFY, nextOrderId()));
    Map<String, String> headers =
        WebhookDeliveries.signed(StorePlatform.SHOPIFY, body, CURRENT, Instant.now());

    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      responses.add(
          CompletableFuture.supplyAsync(
              () -> fixture.post(path(StorePlatform.SHOPIFY), body, headers)));
    }

    assertThat(responses).allSatisfy(r -> assertThat(r.join().statusCode()).isEqualTo(200));
    fixture.assertEndOffsetsSettleAt(fixture.config.conversionsTopic(), before + 1);
  }

  @Test
  void aReplayedShopifyBodyWithANewDeliveryIdAndTheOrdersPaidTopicGiveOneConversion() {
    long before = conversions();
    byte[] body = utf8(WebhookDeliveries.orderBody(StorePlatform.SHOPIFY, nextOrderId()));

    for (String topic : List.of("orders/create", "orders/create", "orders/paid")) {
      Map<String, String> headers =
          new HashMap<>(
              WebhookDeliveries.signed(StorePlatform.SHOPIFY, body, CURRENT, Instant.now()));
      headers.put("X-Shopify-Webhook-Id", UUID.randomUUID().toString());
      headers.put("X-Shopify-Topic", topic);
      assertThat(fixture.post(path(StorePlatform.SHOPIFY), body, headers).statusCode())
          .isEqualTo(200);
    }

    fixture.assertEndOffsetsSettleAt(fixture.config.conversionsTopic(), before + 1);
  }

  @Test
  void aShopifyOrderMapsExactAmountsCodesClickIdAndAHashedCustomer() {
    String clickId = ClickId.issue(Instant.now(), UUID.randomUUID(), fixture.config.clickIdKeys());
    String orderId = nextOrderId();
    byte[] body = utf8(WebhookDeliveries.shopifyOrder(orderId, "1999.99", "EUR", clickId));

    ConversionEvent event = deliver(StorePlatform.SHOPIFY, body, Map.of());

    assertThat(event.getEventId())
        .isEqualTo("SHOPIFY:" + stores.get(StorePlatform.SHOPIFY).id() + ":" + orderId + ":ORDER");
    assertThat(event.getKind()).isEqualTo(ConversionKind.ORDER);
    assertThat(event.getAmountMinor()).isEqualTo(199_999L);
    assertThat(event.getCurrency()).isEqualTo("EUR");
    assertThat(event.getDiscountCodes()).containsExactly("MURUGI25");
    assertThat(event.getClickId()).isEqualTo(clickId);
    assertThat(event.getCustomerHash()).isNotBlank().doesNotContain("example");
    assertThat(event.getBrandId()).isEqualTo(stores.get(StorePlatform.SHOPIFY).brandId());
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-11-25T15:00:00Z"));
  }

  @Test
  void aShopifyRefundSumsOnlyItsSuccessfulRefundTransactions() {
    String orderId = nextOrderId();
    byte[] body = utf8(WebhookDeliveries.shopifyRefund(orderId, nextOrderId(), "15.50"));

    ConversionEvent event =
        deliver(StorePlatform.SHOPIFY, body, Map.of("X-Shopify-Topic", "refunds/create"));

    assertThat(event.getKind()).isEqualTo(ConversionKind.REFUND);
    assertThat(event.getOrderId()).isEqualTo(orderId);
    assertThat(event.getAmountMinor()).isEqualTo(1550L);
    assertThat(event.getRefundId()).isNotNull();
  }

  @Test
  void yenHasNoMinorDigitsAndAForgedClickIdIsDropped() {
    byte[] body =
        utf8(WebhookDeliveries.genericOrder(nextOrderId(), "1500", "JPY", "forged-click-id"));

    ConversionEvent event = deliver(StorePlatform.GENERIC, body, Map.of());

    assertThat(event.getAmountMinor()).isEqualTo(1500L);
    assertThat(event.getCurrency()).isEqualTo("JPY");
    assertThat(event.getClickId()).isNull();
  }

  @Test
  void wooCommerceAndStripeOrdersMap() {
    ConversionEvent woo =
        deliver(
            StorePlatform.WOOCOMMERCE,
            utf8(WebhookDeliveries.wooOrder(nextOrderId(), "completed", "29.35", "EUR")),
            Map.of());
    assertThat(woo.getAmountMinor()).isEqualTo(2935L);
    assertThat(woo.getDiscountCodes()).containsExactly("njugush10");

    String clickId = ClickId.issue(Instant.now(), UUID.randomUUID(), fixture.config.clickIdKeys());
    ConversionEvent stripe =
        deliver(
            StorePlatform.STRIPE,
            utf8(WebhookDeliveries.stripeSession("pi_" + nextOrderId(), 4999, "usd", clickId)),
            Map.of());
    assertThat(stripe.getAmountMinor()).isEqualTo(4999L);
    assertThat(stripe.getCurrency()).isEqualTo("USD");
    assertThat(stripe.getClickId()).isEqualTo(clickId);
    assertThat(stripe.getOrderId()).startsWith("pi_");
  }

  @Test
  void theWooCommercePingGetsExactly200AndProducesNothing() {
    long before = conversions();
    HttpResponse<String> response =
        fixture.post(
            path(StorePlatform.WOOCOMMERCE),
            utf8("webhook_id=42"),
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(conversions()).isEqualTo(before);
  }

  @Test
  void anUnsupportedTopicIsAcceptedWith202AndIgnored() {
    long before = conversions();
    byte[] body = utf8("{\"id\": 1}");
    Map<String, String> headers =
        new HashMap<>(
            WebhookDeliveries.signed(StorePlatform.SHOPIFY, body, CURRENT, Instant.now()));
    headers.put("X-Shopify-Topic", "products/update");

    assertThat(fixture.post(path(StorePlatform.SHOPIFY), body, headers).statusCode())
        .isEqualTo(202);
    assertThat(conversions()).isEqualTo(before);
  }

  @Test
  void aMalformedSignedBodyIs400AndKeptAsADeadLetterWithItsReason() {
    long before = conversions();
    long deadLetters = fixture.endOffsets(fixture.config.conversionsDeadLetterTopic());
    byte[] body = utf8("{\"id\": 7, \"currency\": \"USD\", \"total_price\": \"12.345\"}");

    HttpResponse<String> response =
        fixture.post(
            path(StorePlatform.SHOPIFY),
            body,
            WebhookDeliveries.signed(StorePlatform.SHOPIFY, body, CURRENT, Instant.now()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("urn:influmeter:problem:malformed-webhook");
    assertThat(conversions()).isEqualTo(before);
    fixture.assertEndOffsetsSettleAt(fixture.config.conversionsDeadLetterTopic(), deadLetters + 1);
    List<ConsumerRecord<String, byte[]>> records =
        fixture.records(fixture.config.conversionsDeadLetterTopic());
    ConsumerRecord<String, byte[]> last = records.get(records.size() - 1);
    assertThat(last.value()).isEqualTo(body);
    assertThat(DeadLetters.read(last.headers()).get(DeadLetters.REASON)).contains("12.345");
  }

  @Test
  void unknownStoresPlatformMismatchesAndOversizedBodiesAreRefused() {
    byte[] body = utf8(WebhookDeliveries.orderBody(StorePlatform.SHOPIFY, nextOrderId()));
    Map<String, String> headers =
        WebhookDeliveries.signed(StorePlatform.SHOPIFY, body, CURRENT, Instant.now());

    assertThat(fixture.post("/webhooks/shopify/" + UUID.randomUUID(), body, headers).statusCode())
        .isEqualTo(404);
    assertThat(
            fixture
                .post("/webhooks/magento/" + stores.get(StorePlatform.SHOPIFY).id(), body, headers)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            fixture
                .post("/webhooks/stripe/" + stores.get(StorePlatform.SHOPIFY).id(), body, headers)
                .statusCode())
        .isEqualTo(404);
    byte[] huge = new byte[fixture.config.webhookMaxBytes() + 1];
    assertThat(fixture.post(path(StorePlatform.SHOPIFY), huge, headers).statusCode())
        .isEqualTo(413);
  }

  private ConversionEvent deliver(StorePlatform platform, byte[] body, Map<String, String> extra) {
    long before = conversions();
    Map<String, String> headers =
        new HashMap<>(WebhookDeliveries.signed(platform, body, CURRENT, Instant.now()));
    headers.putAll(extra);
    HttpResponse<String> response = fixture.post(path(platform), body, headers);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    fixture.assertEndOffsetsSettleAt(fixture.config.conversionsTopic(), before + 1);
    String eventId = response.body().replaceAll(".*\"event_id\":\"([^\"]+)\".*", "$1");
    return fixture.records(fixture.config.conversionsTopic()).stream()
        .map(r -> serde.decode(r.topic(), r.partition(), r.offset(), r.value()))
        .filter(e -> e.getEventId().equals(eventId))
        .findFirst()
        .orElseThrow();
  }

  private long conversions() {
    return fixture.endOffsets(fixture.config.conversionsTopic());
  }

  private String path(StorePlatform platform) {
    return WebhookDeliveries.path(stores.get(platform));
  }

  private static String nextOrderId() {
    return Long.toString(ORDER_IDS.incrementAndGet());
  }
}
