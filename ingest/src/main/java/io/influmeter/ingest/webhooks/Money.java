package io.influmeter.ingest.webhooks;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

/**
 * Exact conversion of store amounts ("199.99" in EUR, "1500" in JPY) to minor units, by the
 * currency's ISO 4217 fraction digits. Never uses floating point; an amount with more decimals than
 * its currency has is refused rather than rounded.
 */
public final class Money {

  private static final int MAX_DIGITS = 18;

  private Money() {}

  /** The ISO code upper-cased, if it is a currency with minor units defined. */
  public static String currency(String code) throws MalformedWebhookException {
    if (code == null || code.isBlank() || code.length() != 3) {
      throw new MalformedWebhookException("missing or bad currency: " + code);
    }
    String upper = code.toUpperCase(Locale.ROOT);
    try {
      if (Currency.getInstance(upper).getDefaultFractionDigits() < 0) {
        throw new MalformedWebhookException("currency without minor units: " + upper);
      }
      return upper;
    } catch (IllegalArgumentException e) {
      throw new MalformedWebhookException("unknown currency: " + upper);
    }
  }

  /** {@code amount} (major units, exact decimal) in minor units of {@code currency}. */
  public static long toMinorUnits(BigDecimal amount, String currency)
      throws MalformedWebhookException {
    if (amount == null) {
      throw new MalformedWebhookException("missing amount");
    }
    if (amount.signum() < 0) {
      throw new MalformedWebhookException("negative amount: " + amount.toPlainString());
    }
    // Bounds first: setScale on 1E+999999999 would try to build a billion-digit number.
    if (amount.scale() > MAX_DIGITS || amount.precision() - amount.scale() > MAX_DIGITS) {
      throw new MalformedWebhookException("amount out of range: " + amount.toString());
    }
    int digits = Currency.getInstance(currency(currency)).getDefaultFractionDigits();
    try {
      return amount
          .setScale(digits, java.math.RoundingMode.UNNECESSARY)
          .unscaledValue()
          .longValueExact();
    } catch (ArithmeticException e) {
      throw new MalformedWebhookException(
          "amount " + amount.toPlainString() + " does not fit " + currency + " minor units");
    }
  }

  /** Parses a decimal amount written as text ("19.90"). */
  public static BigDecimal parse(String text) throws MalformedWebhookException {
    if (text == null || text.isBlank() || text.length() > 40) {
      throw new MalformedWebhookException("missing or bad amount: " + text);
    }
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new MalformedWebhookException("bad amount: " + text);
    }
  }
}
