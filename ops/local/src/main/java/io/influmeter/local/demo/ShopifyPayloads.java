package io.influmeter.local.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/**
 * Bodies of the Shopify webhooks a store sends ({@code orders/create}, {@code refunds/create}),
 * with the fields ingest reads: the click id comes back as the cart's {@code im_click} note
 * attribute, a promo code as a discount code. Amounts are decimal strings, as Shopify sends them,
 * made from exact minor units.
 */
public final class ShopifyPayloads {

  public static final String ORDER_TOPIC = "orders/create";
  public static final String REFUND_TOPIC = "refunds/create";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ShopifyPayloads() {}

  /**
   * An order.
   *
   * @param clickId the {@code im_click} the shopper arrived with, or null
   * @param promoCode a discount code the shopper typed, or null
   */
  public static String order(
      long orderId,
      long totalMinor,
      String currency,
      Instant createdAt,
      String email,
      String clickId,
      String promoCode) {
    ObjectNode order = JSON.createObjectNode();
    order.put("id", orderId);
    order.put("name", "#" + orderId);
    order.put("email", email);
    order.put("created_at", createdAt.toString());
    order.put("currency", currency);
    order.put("total_price", decimal(totalMinor, currency));
    order.put("financial_status", "paid");
    ArrayNode codes = order.putArray("discount_codes");
    if (promoCode != null) {
      codes.addObject().put("code", promoCode).put("type", "percentage");
    }
    ArrayNode notes = order.putArray("note_attributes");
    if (clickId != null) {
      notes.addObject().put("name", "im_click").put("value", clickId);
    }
    return write(order);
  }

  /** A successful refund of {@code amountMinor} of order {@code orderId}. */
  public static String refund(
      long refundId, long orderId, long amountMinor, String currency, Instant createdAt) {
    ObjectNode refund = JSON.createObjectNode();
    refund.put("id", refundId);
    refund.put("order_id", orderId);
    refund.put("created_at", createdAt.toString());
    ObjectNode transaction = refund.putArray("transactions").addObject();
    transaction.put("kind", "refund");
    transaction.put("status", "success");
    transaction.put("amount", decimal(amountMinor, currency));
    transaction.put("currency", currency);
    return write(refund);
  }

  /** Minor units as the currency's decimal string (e.g. 123456 KES -> "1234.56"). */
  static String decimal(long minor, String currency) {
    int digits = Currency.getInstance(currency).getDefaultFractionDigits();
    return BigDecimal.valueOf(minor, Math.max(0, digits)).toPlainString();
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
