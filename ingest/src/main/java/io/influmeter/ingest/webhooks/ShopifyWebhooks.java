package io.influmeter.ingest.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ConversionKind;
import io.influmeter.events.StorePlatform;
import io.influmeter.ingest.stores.Store;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Shopify: {@code X-Shopify-Hmac-Sha256} = base64 HMAC-SHA256 of the raw body; the topic is in
 * {@code X-Shopify-Topic}. orders/create and orders/paid both map to the order (one dedup key),
 * refunds/create to a refund (sum of its successful refund transactions), orders/cancelled to a
 * cancellation. The click id comes back in the cart's note attributes or the landing site URL.
 */
public final class ShopifyWebhooks implements PlatformWebhooks {

  // The only parts of an order or refund body a conversion reads; the rest is skipped unbuilt.
  private static final Set<String> ORDER_FIELDS =
      Set.of(
          "id",
          "currency",
          "total_price",
          "created_at",
          "cancelled_at",
          "discount_codes",
          "note_attributes",
          "landing_site",
          "referring_site",
          "email",
          "customer");
  private static final Set<String> REFUND_FIELDS =
      Set.of("id", "order_id", "created_at", "transactions");

  private final Conversions conversions;

  public ShopifyWebhooks(Conversions conversions) {
    this.conversions = conversions;
  }

  @Override
  public StorePlatform platform() {
    return StorePlatform.SHOPIFY;
  }

  @Override
  public boolean signatureValid(WebhookRequest request, List<byte[]> secrets) {
    return Signatures.base64BodyHmacMatches(
        request.header("X-Shopify-Hmac-Sha256"), request.body(), secrets);
  }

  @Override
  public ParsedWebhook parse(WebhookRequest request, Store store) throws MalformedWebhookException {
    String topic = request.header("X-Shopify-Topic");
    if (topic == null) {
      return new ParsedWebhook.Ignored("no topic");
    }
    return switch (topic) {
      case "orders/create", "orders/paid" -> order(request, store, ConversionKind.ORDER);
      case "orders/cancelled" -> order(request, store, ConversionKind.CANCEL);
      case "refunds/create" -> refund(request, store);
      default -> new ParsedWebhook.Ignored("shopify topic " + topic);
    };
  }

  private ParsedWebhook order(WebhookRequest request, Store store, ConversionKind kind)
      throws MalformedWebhookException {
    JsonNode order = Json.parseFields(request.body(), ORDER_FIELDS);
    String currency = Money.currency(Json.requiredText(order, "currency"));
    BigDecimal total = Json.amount(order, "total_price");
    String eventTimeField = kind == ConversionKind.CANCEL ? "cancelled_at" : "created_at";
    ConversionEvent.Builder event =
        conversions
            .start(
                store,
                Json.requiredText(order, "id"),
                kind,
                null,
                Json.instant(order, eventTimeField),
                request.receivedAt())
            .setAmountMinor(Money.toMinorUnits(total, currency))
            .setCurrency(currency)
            .setDiscountCodes(discountCodes(order))
            .setClickId(conversions.clickId(clickId(order)))
            .setCustomerHash(conversions.customerHash(email(order)));
    return new ParsedWebhook.Conversion(event.build());
  }

  private ParsedWebhook refund(WebhookRequest request, Store store)
      throws MalformedWebhookException {
    JsonNode refund = Json.parseFields(request.body(), REFUND_FIELDS);
    BigDecimal amount = BigDecimal.ZERO;
    String currency = null;
    JsonNode transactions = refund.path("transactions");
    for (JsonNode transaction : transactions) {
      String kind = Json.text(transaction, "kind");
      String status = Json.text(transaction, "status");
      if ("refund".equals(kind) && (status == null || "success".equals(status))) {
        amount = amount.add(Json.amount(transaction, "amount"));
        currency = Json.text(transaction, "currency");
      }
    }
    currency = Money.currency(currency != null ? currency : store.currency());
    ConversionEvent.Builder event =
        conversions
            .start(
                store,
                Json.requiredText(refund, "order_id"),
                ConversionKind.REFUND,
                Json.requiredText(refund, "id"),
                Json.instant(refund, "created_at"),
                request.receivedAt())
            .setAmountMinor(Money.toMinorUnits(amount, currency))
            .setCurrency(currency);
    return new ParsedWebhook.Conversion(event.build());
  }

  private static List<String> discountCodes(JsonNode order) {
    List<String> codes = new ArrayList<>();
    for (JsonNode discount : order.path("discount_codes")) {
      String code = Json.text(discount, "code");
      if (code != null && code.length() <= 128 && codes.size() < 50) {
        codes.add(code);
      }
    }
    return List.copyOf(codes);
  }

  private static String clickId(JsonNode order) {
    for (JsonNode attribute : order.path("note_attributes")) {
      if ("im_click".equals(Json.text(attribute, "name"))) {
        return Json.text(attribute, "value");
      }
    }
    String fromLanding = Json.queryParameter(Json.text(order, "landing_site"), "im_click");
    return fromLanding != null
        ? fromLanding
        : Json.queryParameter(Json.text(order, "referring_site"), "im_click");
  }

  private static String email(JsonNode order) {
    String email = Json.text(order, "email");
    return email != null ? email : Json.text(order.path("customer"), "email");
  }
}
