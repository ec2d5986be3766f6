package io.influmeter.ingest.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ConversionKind;
import io.influmeter.events.StorePlatform;
import io.influmeter.ingest.stores.Store;
import java.time.Instant;
import java.util.List;

/**
 * Stripe: {@code Stripe-Signature: t=..,v1=..} (several v1 during rotation), hex HMAC-SHA256 of
 * {@code t.body}, t within 300 s. checkout.session.completed (paid) is the order, keyed by its
 * payment intent so refunds of the charge find it; charge.refunded (newest refund in {@code
 * refunds.data}) and refund.created are refunds. Amounts are already integers in minor units. The
 * click id comes back in the session's metadata ({@code im_click}) or its client_reference_id.
 */
public final class StripeWebhooks implements PlatformWebhooks {

  private final Conversions conversions;

  public StripeWebhooks(Conversions conversions) {
    this.conversions = conversions;
  }

  @Override
  public StorePlatform platform() {
    return StorePlatform.STRIPE;
  }

  @Override
  public boolean signatureValid(WebhookRequest request, List<byte[]> secrets) {
    return Signatures.timestampedHmacMatches(
        request.header("Stripe-Signature"), request.body(), secrets, request.receivedAt());
  }

  @Override
  public ParsedWebhook parse(WebhookRequest request, Store store) throws MalformedWebhookException {
    JsonNode event = Json.parse(request.body());
    String type = Json.requiredText(event, "type");
    JsonNode object = event.path("data").path("object");
    if (!object.isObject()) {
      throw new MalformedWebhookException("missing data.object");
    }
    Instant created = epochSeconds(event);
    return switch (type) {
      case "checkout.session.completed" -> session(object, store, created, request);
      case "charge.refunded" -> chargeRefund(object, store, created, request);
      case "refund.created" -> refund(object, object, store, created, request);
      default -> new ParsedWebhook.Ignored("stripe event " + type);
    };
  }

  private ParsedWebhook session(
      JsonNode session, Store store, Instant created, WebhookRequest request)
      throws MalformedWebhookException {
    String paymentStatus = Json.text(session, "payment_status");
    if (paymentStatus != null && !"paid".equals(paymentStatus)) {
      return new ParsedWebhook.Ignored("stripe checkout session " + paymentStatus);
    }
    String currency = Money.currency(Json.requiredText(session, "currency"));
    String clickId = Json.text(session.path("metadata"), "im_click");
    ConversionEvent.Builder event =
        conversions
            .start(
                store, orderId(session), ConversionKind.ORDER, null, created, request.receivedAt())
            .setAmountMinor(Json.minorUnits(session, "amount_total"))
            .setCurrency(currency)
            .setClickId(
                conversions.clickId(
                    clickId != null ? clickId : Json.text(session, "client_reference_id")))
            .setCustomerHash(
                conversions.customerHash(Json.text(session.path("customer_details"), "email")));
    String code = Json.text(session.path("metadata"), "discount_code");
    if (code != null && code.length() <= 128) {
      event.setDiscountCodes(List.of(code));
    }
    return new ParsedWebhook.Conversion(event.build());
  }

  private ParsedWebhook chargeRefund(
      JsonNode charge, Store store, Instant created, WebhookRequest request)
      throws MalformedWebhookException {
    JsonNode newest = charge.path("refunds").path("data").path(0);
    if (!newest.isObject()) {
      throw new MalformedWebhookException(
          "charge.refunded without refunds.data: subscribe to refund.created instead");
    }
    return refund(charge, newest, store, created, request);
  }

  private ParsedWebhook refund(
      JsonNode payment, JsonNode refund, Store store, Instant created, WebhookRequest request)
      throws MalformedWebhookException {
    String currency = Money.currency(Json.requiredText(refund, "currency"));
    ConversionEvent.Builder event =
        conversions
            .start(
                store,
                orderId(payment),
                ConversionKind.REFUND,
                Json.requiredText(refund, "id"),
                created,
                request.receivedAt())
            .setAmountMinor(Json.minorUnits(refund, "amount"))
            .setCurrency(currency);
    return new ParsedWebhook.Conversion(event.build());
  }

  // The payment intent ties a session to the charges and refunds made for it.
  private static String orderId(JsonNode object) throws MalformedWebhookException {
    String paymentIntent = Json.text(object, "payment_intent");
    if (paymentIntent != null) {
      return paymentIntent;
    }
    String charge = Json.text(object, "charge");
    return charge != null ? charge : Json.requiredText(object, "id");
  }

  private static Instant epochSeconds(JsonNode event) {
    JsonNode created = event.get("created");
    if (created == null || !created.canConvertToLong()) {
      return null;
    }
    long seconds = created.asLong();
    return seconds > 0 && seconds < 100_000_000_000L ? Instant.ofEpochSecond(seconds) : null;
  }
}
