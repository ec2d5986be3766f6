package io.influmeter.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ConversionKind;
import io.influmeter.events.StorePlatform;
import io.influmeter.ingest.stores.Store;
import io.influmeter.ingest.webhooks.Conversions;
import io.influmeter.ingest.webhooks.ParsedWebhook;
import io.influmeter.ingest.webhooks.ShopifyWebhooks;
import io.influmeter.ingest.webhooks.Signatures;
import io.influmeter.ingest.webhooks.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's Shopify bodies as ingest's own Shopify parser and signature check read them. */
class ShopifyPayloadsTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:15:30Z");
  private static final Store STORE =
      new Store("store-1", "brand-1", StorePlatform.SHOPIFY, "KES", "s3cret", null, null);
  private final ShopifyWebhooks shopify =
      new ShopifyWebhooks(new Conversions("k".getBytes(StandardCharsets.UTF_8), id -> true));

  @Test
  void anOrderCarriesItsExactAmountItsClickIdAndItsPromoCode() throws Exception {
    String body =
        ShopifyPayloads.order(
            1001, 1_234_550, "KES", NOW, "shopper@example.test", "clk-42", "MURUGI25");

    ConversionEvent event = parse(ShopifyPayloads.ORDER_TOPIC, body);

    assertThat(event.getKind()).isEqualTo(ConversionKind.ORDER);
    assertThat(event.getOrderId()).isEqualTo("1001");
    assertThat(event.getAmountMinor()).isEqualTo(1_234_550L);
    assertThat(event.getCurrency()).isEqualTo("KES");
    assertThat(event.getClickId()).isEqualTo("clk-42");
    assertThat(event.getDiscountCodes()).containsExactly("MURUGI25");
  }

  @Test
  void anOrderWithoutAClickOrCodeCarriesNeither() throws Exception {
    ConversionEvent event =
        parse(
            ShopifyPayloads.ORDER_TOPIC,
            ShopifyPayloads.order(7, 150_000, "KES", NOW, "a@example.test", null, null));

    assertThat(event.getClickId()).isNull();
    assertThat(event.getDiscountCodes()).isEmpty();
  }

  @Test
  void aRefundNamesItsOrderAndItsAmount() throws Exception {
    ConversionEvent event =
        parse(ShopifyPayloads.REFUND_TOPIC, ShopifyPayloads.refund(55, 1001, 50_000, "KES", NOW));

    assertThat(event.getKind()).isEqualTo(ConversionKind.REFUND);
    assertThat(event.getOrderId()).isEqualTo("1001");
    assertThat(event.getAmountMinor()).isEqualTo(50_000L);
  }

  @Test
  void theSignatureTheDemoSendsIsTheOneIngestAccepts() {
    byte[] body = ShopifyPayloads.refund(1, 2, 300, "KES", NOW).getBytes(StandardCharsets.UTF_8);
    String header = Signatures.base64Header("s3cret".getBytes(StandardCharsets.UTF_8), body);

    assertThat(Signatures.base64BodyHmacMatches(header, body, STORE.secretsAt(NOW))).isTrue();
    assertThat(
            Signatures.base64BodyHmacMatches(
                header, body, List.of("other".getBytes(StandardCharsets.UTF_8))))
        .isFalse();
  }

  @Test
  void minorUnitsBecomeTheCurrencysDecimalString() {
    assertThat(ShopifyPayloads.decimal(123_456, "KES")).isEqualTo("1234.56");
    assertThat(ShopifyPayloads.decimal(5, "KES")).isEqualTo("0.05");
    assertThat(ShopifyPayloads.decimal(1_500, "JPY")).isEqualTo("1500");
  }

  private ConversionEvent parse(String topic, String body) throws Exception {
    WebhookRequest request =
        new WebhookRequest(
            "store-1",
            Map.of("x-shopify-topic", topic),
            body.getBytes(StandardCharsets.UTF_8),
            NOW);
    ParsedWebhook parsed = shopify.parse(request, STORE);
    assertThat(parsed).isInstanceOf(ParsedWebhook.Conversion.class);
    return ((ParsedWebhook.Conversion) parsed).event();
  }
}
