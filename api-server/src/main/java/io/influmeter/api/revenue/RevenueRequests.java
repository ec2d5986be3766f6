package io.influmeter.api.revenue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** JSON bodies and answers of the fee rule and subscription routes. */
public final class RevenueRequests {
  private RevenueRequests() {}

  /**
   * A fee rule: {@code percent} of attributed net revenue (0-100, at most 4 decimals, exact) plus
   * {@code fixedPerConversionMinor} minor units per conversion.
   */
  public record SetFeeRule(BigDecimal percent, Long fixedPerConversionMinor) {}

  public record FeeRule(
      UUID id,
      UUID campaignId,
      String plan,
      BigDecimal percent,
      long fixedPerConversionMinor,
      Instant updatedAt) {}

  public record RecordSubscription(
      UUID brandId,
      String plan,
      Long amountMinor,
      String currency,
      LocalDate periodStart,
      LocalDate periodEnd) {}

  public record Subscription(
      UUID id,
      UUID brandId,
      String plan,
      long amountMinor,
      String currency,
      LocalDate periodStart,
      LocalDate periodEnd,
      Instant createdAt) {}
}
