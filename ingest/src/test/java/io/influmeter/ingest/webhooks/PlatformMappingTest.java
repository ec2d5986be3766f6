package io.influmeter.ingest.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ConversionKind;
import io.influmeter.events.StorePlatform;
import io.influmeter.ingest.stores.Store;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refunds and cancellations of each platform map to the order they name (parsers only). */
class PlatformMappingTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final Conversions CONVERSIONS =
      new Conversions("k".getBytes(StandardCharsets.UTF_8), id -> false);

  @Test
  void aShopifyCancellationNamesTheOrder() throws Exception {
    ConversionEvent event =
        parse(
            new ShopifyWebhooks(CONVERSIONS),
            StorePlatform.SHOPIFY,
            "{\"id\": 5, \"currency\": \"USD\", \"total_price\": \"10.00\", \"cancelled_at\": \"2026-11-25T11:00:00Z\"}",
            Map.of("x-shopify-topic", "orders/cancelled"));
    assertThat(event.getKind()).isEqualTo(ConversionKind.CANCEL);
    assertThat(event.getEventId()).endsWith(":5:CANCEL");
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-11-25T11:00:00Z"));
  }

  @Test
  void wooCommerceRefundedAndCancelledOrdersMapByStatusAndPendingOnesAreIgnored() throws Exception {
    WooCommerceWebhooks woo = new WooCommerceWebhooks(CONVERSIONS);
    ConversionEvent refunded =
        parse(
            woo,
            StorePlatform.WOOCOMMERCE,
            "{\"id\": 9, \"status\": \"refunded\", \"currency\": \"KWD\", \"total\": \"1.250\"}",
            Map.of("x-wc-webhook-topic", "order.updated"));
    assertThat(refunded.getKind()).isEqualTo(ConversionKind.REFUND);
    assertThat(refunded.getAmountMinor()).isEqualTo(1250L);
    ConversionEvent cancelled =
        parse(
            woo,
            StorePlatform.WOOCOMMERCE,
            "{\"id\": 9, \"status\": \"cancelled\", \"currency\": \"EUR\", \"total\": \"3\"}",
            Map.of("x-wc-webhook-topic", "order.updated"));
    assertThat(cancelled.getKind()).isEqualTo(ConversionKind.CANCEL);
    assertThat(
            woo.parse(
                request(
                    "{\"id\": 9, \"status\": \"pending\"}",
                    Map.of("x-wc-webhook-topic", "order.created")),
                store(StorePlatform.WOOCOMMERCE)))
        .isInstanceOf(ParsedWebhook.Ignored.class);
  }

  @Test
  void aStripeChargeRefundUsesItsNewestRefundAndThePaymentIntentAsOrder() throws Exception {
    ConversionEvent event =
        parse(
            new StripeWebhooks(CONVERSIONS),
            StorePlatform.STRIPE,
            "{\"type\": \"charge.refunded\", \"created\": 1795600000, \"data\": {\"object\": {\"id\": \"ch_1\","
                + " \"payment_intent\": \"pi_7\", \"amount_refunded\": 3000, \"currency\": \"usd\", \"refunds\":"
                + " {\"data\": [{\"id\": \"re_2\", \"amount\": 1000, \"currency\": \"usd\"},"
                + " {\"id\": \"re_1\", \"amount\": 2000, \"currency\": \"usd\"}]}}}}",
            Map.of());
    assertThat(event.getOrderId()).isEqualTo("pi_7");
    assertThat(event.getRefundId()).isEqualTo("re_2");
    assertThat(event.getAmountMinor()).isEqualTo(1000L);
    assertThat(event.getEventTime()).isEqualTo(Instant.ofEpochSecond(1795600000L));
  }

  @Test
  void anUnpaidStripeSessionIsIgnoredAndARefundWithoutItsListIsMalformed() {
    StripeWebhooks stripe = new StripeWebhooks(CONVERSIONS);
    assertThat(
            catchParse(
                stripe,
                "{\"type\": \"checkout.session.completed\", \"data\": {\"object\": {\"id\": \"cs\","
                    + " \"payment_status\": \"unpaid\"}}}"))
        .isInstanceOf(ParsedWebhook.Ignored.class);
    assertThatThrownBy(
            () ->
                stripe.parse(
                    request(
                        "{\"type\": \"charge.refunded\", \"data\": {\"object\": {\"id\": \"ch\"}}}",
                        Map.of()),
                    store(StorePlatform.STRIPE)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("refund.created");
  }

  @Test
  void aGenericRefundNeedsItsRefundId() {
    assertThatThrownBy(
            () ->
                new GenericWebhooks(CONVERSIONS)
                    .parse(
                        request(
                            "{\"type\": \"refund\", \"order_id\": \"1\", \"amount\": \"1\", \"currency\": \"USD\"}",
                            Map.of()),
                        store(StorePlatform.GENERIC)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("refund_id");
  }

  private static Object catchParse(PlatformWebhooks platform, String body) {
    try {
      return platform.parse(request(body, Map.of()), store(platform.platform()));
    } catch (MalformedWebhookException e) {
      return e;
    }
  }

  private static ConversionEvent parse(
      PlatformWebhooks platform, StorePlatform which, String body, Map<String, String> headers)
      throws MalformedWebhookException {
    ParsedWebhook parsed = platform.parse(request(body, headers), store(which));
    assertThat(parsed).isInstanceOf(ParsedWebhook.Conversion.class);
    return ((ParsedWebhook.Conversion) parsed).event();
  }

  private static WebhookRequest request(String body, Map<String, String> headers) {
    return new WebhookRequest("s", headers, body.getBytes(StandardCharsets.UTF_8), NOW);
  }

  private static Store store(StorePlatform platform) {
    return new Store("s", "b", platform, "USD", "secret", null, null);
  }
}
