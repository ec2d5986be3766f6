package io.influmeter.api.campaigns;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Exact money: decimal strings in, long minor units stored, decimal strings out. No double ever
 * touches an amount, and an amount with more decimals than its currency has is refused rather than
 * rounded (rounding a budget or a commission silently changes what was agreed).
 */
public final class Money {
  /** Plain decimals only: no exponent, no sign, no thousands separators. */
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,10})?");

  private Money() {}

  /** The ISO 4217 currency, if {@code code} names one that has minor units defined. */
  public static Optional<Currency> currency(String code) {
    if (code == null || !code.matches("[A-Z]{3}")) {
      return Optional.empty();
    }
    try {
      Currency currency = Currency.getInstance(code);
      return currency.getDefaultFractionDigits() < 0 ? Optional.empty() : Optional.of(currency);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A plain non-negative decimal, or empty when the text is not one. */
  public static Optional<BigDecimal> decimal(String text) {
    if (text == null || !DECIMAL.matcher(text).matches()) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(text));
  }

  /** Minor units of {@code amount}, or empty when it has more decimals than the currency. */
  public static Optional<Long> toMinor(BigDecimal amount, Currency currency) {
    int digits = currency.getDefaultFractionDigits();
    if (amount.stripTrailingZeros().scale() > digits) {
      return Optional.empty();
    }
    return Optional.of(amount.movePointRight(digits).longValueExact());
  }

  /** "1500.00" for 150000 minor units of a two-decimal currency. */
  public static String format(long minor, String currencyCode) {
    int digits = Currency.getInstance(currencyCode).getDefaultFractionDigits();
    return BigDecimal.valueOf(minor, digits).toPlainString();
  }
}
