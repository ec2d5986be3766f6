package io.influmeter.api.insights;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One number a report may cite. The unit decides how the number may be written: a {@code ratio}
 * also as a percentage, an ISO 4217 currency code means minor units (so also in major units, two
 * decimals), anything else as is.
 *
 * @param name what was measured, e.g. {@code engagement_share}
 * @param subject who it is about ({@code campaign} or an influencer label such as {@code
 *     influencer_1}); never user-written text
 * @param value the exact value
 * @param unit its unit
 */
public record Fact(String name, String subject, BigDecimal value, String unit) {
  public static final String CAMPAIGN = "campaign";
  public static final String RATIO = "ratio";

  public Fact {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
  }

  /** True when the unit is a currency code, i.e. the value is in minor units of it. */
  public boolean isMoney() {
    return unit.length() == 3 && unit.chars().allMatch(c -> c >= 'A' && c <= 'Z');
  }

  public boolean isRatio() {
    return unit.equals(RATIO);
  }
}
