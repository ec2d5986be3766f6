package io.influmeter.ingest.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ConversionKind;
import io.influmeter.events.StorePlatform;
import io.influmeter.ingest.stores.Store;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * WooCommerce: {@code X-WC-Webhook-Signature} = base64 HMAC-SHA256 of the raw body; the topic is in
 * {@code X-WC-Webhook-Topic}. order.created/order.updated map by the order's status: processing and
 * completed are the order, refunded a full refund, cancelled a cancellation; other states (pending,
 * on-hold, failed) are not conversions yet. The click id comes back in the order's meta data
 * ({@code im_click} or {@code _im_click}).
 */
public final class WooCommerceWebhooks implements PlatformWebhooks {

  // WooCommerce pings a new webhook's URL with this unsigned form body and gives up on non-200.
  private static final Pattern PING = Pattern.compile("webhook_id=[0-9]{1,19}");

  private final Conversions conversions;

  public WooCommerceWebhooks(Conversions conversions) {
    this.conversions = conversions;
  }

  /** True for the unsigned ping WooCommerce sends when a webhook is created. */
  public static boolean isPing(WebhookRequest request) {
    return request.body().length < 40
        && PING.matcher(new String(request.body(), StandardCharsets.US_ASCII)).matches();
  }

  @Override
  public StorePlatform platform() {
    return StorePlatform.WOOCOMMERCE;
  }

  @Override
  public boolean signatureValid(WebhookRequest request, List<byte[]> secrets) {
    return Signatures.base64BodyHmacMatches(
        request.header("X-WC-Webhook-Signature"), request.body(), secrets);
  }

  @Override
  public ParsedWebhook parse(WebhookRequest request, Store store) throws MalformedWebhookException {
    String topic = request.header("X-WC-Webhook-Topic");
    if (!"order.created".equals(topic) && !"order.updated".equals(topic)) {
      return new ParsedWebhook.Ignored("woocommerce topic " + topic);
    }
    JsonNode order = Json.parse(request.body());
    String status = Json.requiredText(order, "status");
    ConversionKind kind;
    String refundId = null;
    switch (status) {
      case "processing", "completed" -> kind = ConversionKind.ORDER;
      case "cancelled" -> kind = ConversionKind.CANCEL;
      case "refunded" -> {
        kind = ConversionKind.REFUND;
        refundId = "full";
      }
      default -> {
        return new ParsedWebhook.Ignored("woocommerce order status " + status);
      }
    }
    String currency = Money.currency(Json.requiredText(order, "currency"));
    String timeField = kind == ConversionKind.ORDER ? "date_created_gmt" : "date_modified_gmt";
    ConversionEvent.Builder event =
        conversions
            .start(
                store,
                Json.requiredText(order, "id"),
                kind,
                refundId,
                gmt(Json.text(order, timeField)),
                request.receivedAt())
            .setAmountMinor(Money.toMinorUnits(Json.amount(order, "total"), currency))
            .setCurrency(currency)
            .setDiscountCodes(couponCodes(order))
            .setClickId(conversions.clickId(clickId(order)))
            .setCustomerHash(conversions.customerHash(Json.text(order.path("billing"), "email")));
    return new ParsedWebhook.Conversion(event.build());
  }

  private static java.time.Instant gmt(String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static List<String> couponCodes(JsonNode order) {
    List<String> codes = new ArrayList<>();
    for (JsonNode coupon : order.path("coupon_lines")) {
      String code = Json.text(coupon, "code");
      if (code != null && code.length() <= 128 && codes.size() < 50) {
        codes.add(code);
      }
    }
    return List.copyOf(codes);
  }

  private static String clickId(JsonNode order) {
    for (JsonNode meta : order.path("meta_data")) {
      String key = Json.text(meta, "key");
      if ("im_click".equals(key) || "_im_click".equals(key)) {
        return Json.text(meta, "value");
      }
    }
    return null;
  }
}
