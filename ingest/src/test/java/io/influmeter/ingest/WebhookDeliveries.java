package io.influmeter.ingest;

import io.influmeter.events.StorePlatform;
import io.influmeter.ingest.stores.Store;
import io.influmeter.ingest.webhooks.GenericWebhooks;
import io.influmeter.ingest.webhooks.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Builds webhook deliveries as each platform sends them (documented headers and bodies). */
final class WebhookDeliveries {

  static final String CURRENT = "current-signing-secret-of-the-store-0001";
  static final String PREVIOUS = "previous-signing-secret-of-the-store-001";

  private WebhookDeliveries() {}

  static Store store(StorePlatform platform, Instant previousExpiresAt) {
    return new Store(
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        platform,
        "USD",
        CURRENT,
        PREVIOUS,
        previousExpiresAt);
  }

  static String path(Store store) {
    return "/webhooks/" + store.platform().name().toLowerCase() + "/" + store.id();
  }

  /** A valid order body of the platform with this order id. */
  static String orderBody(StorePlatform platform, String orderId) {
    return switch (platform) {
      case SHOPIFY -> shopifyOrder(orderId, "199.65", "USD", null);
      case WOOCOMMERCE -> wooOrder(orderId, "processing", "29.35", "EUR");
      case STRIPE -> stripeSession(orderId, 4999, "usd", null);
      case GENERIC -> genericOrder(orderId, "12.34", "GBP", null);
    };
  }

  /** Headers that sign {@code body} with {@code secret} at {@code time}. */
  static Map<String, String> signed(
      StorePlatform platform, byte[] body, String secret, Instant time) {
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", "application/json");
    switch (platform) {
      case SHOPIFY -> {
        headers.put("X-Shopify-Topic", "orders/create");
        headers.put("X-Shopify-Webhook-Id", UUID.randomUUID().toString());
        headers.put("X-Shopify-Hmac-Sha256", Signatures.base64Header(key, body));
      }
      case WOOCOMMERCE -> {
        headers.put("X-WC-Webhook-Topic", "order.created");
        headers.put("X-WC-Webhook-Delivery-ID", UUID.randomUUID().toString());
        headers.put("X-WC-Webhook-Signature", Signatures.base64Header(key, body));
      }
      case STRIPE ->
          headers.put(
              "Stripe-Signature", Signatures.timestampedHeader(key, time.getEpochSecond(), body));
      case GENERIC ->
          headers.put(
              GenericWebhooks.SIGNATURE_HEADER,
              Signatures.timestampedHeader(key, time.getEpochSecond(), body));
    }
    return headers;
  }

  static String signatureHeader(StorePlatform platform) {
    return switch (platform) {
      case SHOPIFY -> "X-Shopify-Hmac-Sha256";
      case WOOCOMMERCE -> "X-WC-Webhook-Signature";
      case STRIPE -> "Stripe-Signature";
      case GENERIC -> GenericWebhooks.SIGNATURE_HEADER;
    };
  }

  static String shopifyOrder(String orderId, String total, String currency, String clickId) {
    return """
        {"id": %s, "admin_graphql_api_id": "gid://shopify/Order/%s", "email": "Jon@Example.com",
         "created_at": "2026-11-25T10:00:00-05:00", "processed_at": "2026-11-25T10:00:01-05:00",
         "currency": "%s", "presentment_currency": "%s", "total_price": "%s",
         "subtotal_price": "%s", "total_discounts": "10.00", "financial_status": "paid",
         "discount_codes": [{"code": "MURUGI25", "amount": "10.00", "type": "percentage"}],
         "note_attributes": [%s],
         "landing_site": "/products/shoes?utm_source=instagram",
         "customer": {"id": 115310627314723954, "email": "jon@example.com"},
         "line_items": [{"id": 866550311766439020, "title": "Shoes", "quantity": 1, "price": "%s"}]}
        """
        .formatted(
            orderId,
            orderId,
            currency,
            currency,
            total,
            total,
            clickId == null ? "" : "{\"name\": \"im_click\", \"value\": \"" + clickId + "\"}",
            total);
  }

  static String shopifyRefund(String orderId, String refundId, String amount) {
    return """
        {"id": %s, "order_id": %s, "created_at": "2026-11-26T09:00:00-05:00", "note": "damaged",
         "transactions": [
           {"id": 1, "kind": "refund", "status": "success", "amount": "%s", "currency": "USD"},
           {"id": 2, "kind": "refund", "status": "failure", "amount": "99.00", "currency": "USD"}]}
        """
        .formatted(refundId, orderId, amount);
  }

  static String wooOrder(String orderId, String status, String total, String currency) {
    return """
        {"id": %s, "status": "%s", "currency": "%s", "total": "%s", "discount_total": "0.00",
         "date_created_gmt": "2026-11-25T15:00:00", "date_modified_gmt": "2026-11-25T16:00:00",
         "billing": {"email": "amina@example.com"},
         "coupon_lines": [{"id": 1, "code": "njugush10"}],
         "meta_data": [{"id": 7, "key": "_im_click", "value": "not-a-real-click-id"}]}
        """
        .formatted(orderId, status, currency, total);
  }

  static String stripeSession(
      String paymentIntent, long amountTotal, String currency, String clickId) {
    return """
        {"id": "evt_%s", "object": "event", "type": "checkout.session.completed",
         "created": %d, "data": {"object": {"id": "cs_test_%s", "object": "checkout.session",
         "payment_intent": "%s", "payment_status": "paid", "amount_total": %d,
         "currency": "%s", "client_reference_id": %s,
         "customer_details": {"email": "wanjiru@example.com"}, "metadata": {}}}}
        """
        .formatted(
            paymentIntent,
            Instant.now().getEpochSecond(),
            paymentIntent,
            paymentIntent,
            amountTotal,
            currency,
            clickId == null ? "null" : "\"" + clickId + "\"");
  }

  static String genericOrder(String orderId, String amount, String currency, String clickId) {
    return """
        {"type": "order", "order_id": "%s", "amount": "%s", "currency": "%s",
         "discount_codes": ["MURUGI25"], "click_id": %s, "customer_email": "x@example.com",
         "occurred_at": "2026-11-25T12:00:00Z"}
        """
        .formatted(orderId, amount, currency, clickId == null ? "null" : "\"" + clickId + "\"");
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
