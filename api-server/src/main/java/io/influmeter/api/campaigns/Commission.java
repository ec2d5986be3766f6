package io.influmeter.api.campaigns;

import java.math.BigDecimal;

/**
 * What an influencer earns per attributed conversion: a percentage of its net revenue (at most 2
 * decimals, so it maps exactly to basis points downstream) or a fixed amount in the campaign's
 * currency, in minor units.
 */
public record Commission(Type type, BigDecimal percent, Long fixedMinor) {
  public enum Type {
    PERCENTAGE,
    FIXED
  }

  public static Commission percentage(BigDecimal percent) {
    return new Commission(Type.PERCENTAGE, percent.stripTrailingZeros(), null);
  }

  public static Commission fixed(long minor) {
    return new Commission(Type.FIXED, null, minor);
  }

  /** Equality on value (12.5 equals 12.50), which edits after approval compare. */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Commission c) || c.type != type) {
      return false;
    }
    return type == Type.PERCENTAGE
        ? percent.compareTo(c.percent) == 0
        : fixedMinor.equals(c.fixedMinor);
  }

  @Override
  public int hashCode() {
    return type == Type.PERCENTAGE
        ? percent.stripTrailingZeros().hashCode()
        : Long.hashCode(fixedMinor);
  }
}
