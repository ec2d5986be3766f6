package io.influmeter.ingest.webhooks;

import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ConversionKind;
import io.influmeter.events.StorePlatform;
import io.influmeter.ingest.http.Hmac;
import io.influmeter.ingest.http.KeyedHmac;
import io.influmeter.ingest.stores.Store;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * What every platform's mapping shares: the dedup key from signed fields, the customer hash, and
 * the click id check.
 */
public final class Conversions {

  private final KeyedHmac customerHmac;
  private final Predicate<String> clickIdValid;

  /**
   * @param customerSecret key of the customer e-mail hash (stable, so self-referral can be matched
   *     across days)
   * @param clickIdValid true for a click id this deployment issued (MAC verified); others are
   *     dropped so a forged id cannot claim an order
   */
  public Conversions(byte[] customerSecret, Predicate<String> clickIdValid) {
    this.customerHmac = new KeyedHmac(customerSecret);
    this.clickIdValid = clickIdValid;
  }

  /**
   * The dedup key: {@code platform:store:order:kind[:refund]}, all from the signed body, so a
   * retried or replayed delivery (whatever its delivery id header) maps to the same key.
   */
  public static String eventId(
      StorePlatform platform,
      String storeId,
      String orderId,
      ConversionKind kind,
      String refundId) {
    String id = platform.name() + ":" + storeId + ":" + orderId + ":" + kind.name();
    return refundId == null ? id : id + ":" + refundId;
  }

  /** A builder with the fields every conversion has; the caller adds amount, codes, click. */
  public ConversionEvent.Builder start(
      Store store,
      String orderId,
      ConversionKind kind,
      String refundId,
      Instant eventTime,
      Instant receivedAt)
      throws MalformedWebhookException {
    if (orderId == null || orderId.isBlank() || orderId.length() > 128) {
      throw new MalformedWebhookException("missing or bad order id");
    }
    return ConversionEvent.newBuilder()
        .setEventId(eventId(store.platform(), store.id(), orderId, kind, refundId))
        .setStoreId(store.id())
        .setBrandId(store.brandId())
        .setPlatform(store.platform())
        .setOrderId(orderId)
        .setKind(kind)
        .setRefundId(refundId)
        .setDiscountCodes(List.of())
        .setEventTime(eventTime == null ? receivedAt : eventTime)
        .setReceivedAt(receivedAt);
  }

  /** Keyed hash of the normalised e-mail, or null. */
  public String customerHash(String email) {
    if (email == null || email.isBlank() || email.length() > 320) {
      return null;
    }
    byte[] normalised = email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    return Hmac.base64Url(customerHmac.sha256(normalised), 16);
  }

  /** The click id if it is one we issued, else null. */
  public String clickId(String candidate) {
    if (candidate == null || candidate.isBlank() || candidate.length() > 128) {
      return null;
    }
    String trimmed = candidate.trim();
    return clickIdValid.test(trimmed) ? trimmed : null;
  }
}
