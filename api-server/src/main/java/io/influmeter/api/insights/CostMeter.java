package io.influmeter.api.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact cost of token usage from configured prices per 1000 tokens, and the per-report cap. Costs
 * keep 8 decimals (a token of a cheap model costs fractions of a cent); never a double.
 */
public final class CostMeter {
  static final int SCALE = 8;
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  private final BigDecimal inputPer1k;
  private final BigDecimal outputPer1k;
  private final BigDecimal cap;

  public CostMeter(BigDecimal inputPer1k, BigDecimal outputPer1k, BigDecimal cap) {
    this.inputPer1k = inputPer1k;
    this.outputPer1k = outputPer1k;
    this.cap = cap;
  }

  public BigDecimal cost(ReportWriter.TokenUsage usage) {
    return inputPer1k
        .multiply(BigDecimal.valueOf(usage.input()))
        .add(outputPer1k.multiply(BigDecimal.valueOf(usage.output())))
        .divide(THOUSAND, SCALE, RoundingMode.HALF_UP);
  }

  /**
   * Whether one more call fits under the cap, taking its worst case: the prompt at one token per 3
   * characters (English text averages about 4) and every allowed output token.
   */
  public boolean allows(ReportWriter.TokenUsage spent, Prompt prompt, int maxOutputTokens) {
    long inputEstimate = (prompt.system().length() + prompt.user().length()) / 3 + 1;
    BigDecimal worst =
        cost(spent.plus(new ReportWriter.TokenUsage(inputEstimate, maxOutputTokens)));
    return worst.compareTo(cap) <= 0;
  }

  public BigDecimal cap() {
    return cap;
  }
}
