package io.influmeter.ingest.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ConversionKind;
import io.influmeter.events.StorePlatform;
import io.influmeter.ingest.stores.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Our own scheme for any shop (documented in the module README): header {@code
 * Influmeter-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}, t within
 * 300 s, and a JSON body {@code {"type": "order"|"refund"|"cancel", "order_id", "refund_id",
 * "amount": "12.34", "currency", "discount_codes": [], "click_id", "customer_email",
 * "occurred_at"}}.
 */
public final class GenericWebhooks implements PlatformWebhooks {

  public static final String SIGNATURE_HEADER = "Influmeter-Signature";

  private final Conversions conversions;

  public GenericWebhooks(Conversions conversions) {
    this.conversions = conversions;
  }

  @Override
  public StorePlatform platform() {
    return StorePlatform.GENERIC;
  }

  @Override
  public boolean signatureValid(WebhookRequest request, List<byte[]> secrets) {
    return Signatures.timestampedHmacMatches(
        request.header(SIGNATURE_HEADER), request.body(), secrets, request.receivedAt());
  }

  @Override
  public ParsedWebhook parse(WebhookRequest request, Store store) throws MalformedWebhookException {
    JsonNode body = Json.parse(request.body());
    String type = Json.requiredText(body, "type").toLowerCase(Locale.ROOT);
    ConversionKind kind =
        switch (type) {
          case "order" -> ConversionKind.ORDER;
          case "refund" -> ConversionKind.REFUND;
          case "cancel" -> ConversionKind.CANCEL;
          default -> null;
        };
    if (kind == null) {
      return new ParsedWebhook.Ignored("generic type " + type);
    }
    String refundId = kind == ConversionKind.REFUND ? Json.requiredText(body, "refund_id") : null;
    String currency = Money.currency(Json.requiredText(body, "currency"));
    ConversionEvent.Builder event =
        conversions
            .start(
                store,
                Json.requiredText(body, "order_id"),
                kind,
                refundId,
                Json.instant(body, "occurred_at"),
                request.receivedAt())
            .setAmountMinor(Money.toMinorUnits(Json.amount(body, "amount"), currency))
            .setCurrency(currency)
            .setDiscountCodes(codes(body))
            .setClickId(conversions.clickId(Json.text(body, "click_id")))
            .setCustomerHash(conversions.customerHash(Json.text(body, "customer_email")));
    return new ParsedWebhook.Conversion(event.build());
  }

  private static List<String> codes(JsonNode body) {
    List<String> codes = new ArrayList<>();
    for (JsonNode code : body.path("discount_codes")) {
      if (code.isTextual() && code.asText().length() <= 128 && codes.size() < 50) {
        codes.add(code.asText());
      }
    }
    return List.copyOf(codes);
  }
}
