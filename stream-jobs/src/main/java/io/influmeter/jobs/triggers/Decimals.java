package io.influmeter.jobs.triggers;

import io.influmeter.events.TriggerFact;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Decimal strings for trigger facts. Counts and minor units are exact; a ratio of two integers is
 * rounded half-even to {@link #RATIO_SCALE} places (2/3 has no exact decimal) and printed without
 * trailing zeros or exponent.
 */
final class Decimals {

  static final int RATIO_SCALE = 4;

  private Decimals() {}

  static BigDecimal ratio(long numerator, long denominator) {
    return BigDecimal.valueOf(numerator)
        .divide(BigDecimal.valueOf(denominator), RATIO_SCALE, RoundingMode.HALF_EVEN);
  }

  static String text(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() < 0) {
      stripped = stripped.setScale(0);
    }
    return stripped.toPlainString();
  }

  /** A ratio as a whole percentage, rounded half-even, for headlines. */
  static String percent(BigDecimal ratio) {
    return ratio.movePointRight(2).setScale(0, RoundingMode.HALF_EVEN).toPlainString() + "%";
  }

  static TriggerFact fact(String name, long value, String unit, String subject) {
    return new TriggerFact(name, Long.toString(value), unit, subject);
  }

  static TriggerFact fact(String name, BigDecimal value, String unit, String subject) {
    return new TriggerFact(name, text(value), unit, subject);
  }
}
