package io.influmeter.api.insights;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored report, as {@code GET /campaigns/{id}/insights} shows it. Token counts and the exact
 * cost are those of every call made for it (a grounding retry included).
 *
 * @param grounded false when a number the report cites is not in its facts ({@code
 *     ungroundedNumbers} lists them)
 * @param attempts model calls made (1, or 2 after a grounding retry)
 */
public record Insight(
    UUID id,
    UUID campaignId,
    String triggerId,
    InsightKind kind,
    Instant periodStart,
    Instant periodEnd,
    Provider provider,
    String model,
    String promptSha256,
    String summary,
    List<Report.Suggestion> suggestions,
    @JsonSerialize(using = PlainDecimalSerializer.class) BigDecimal confidence,
    boolean grounded,
    List<String> ungroundedNumbers,
    int attempts,
    long inputTokens,
    long outputTokens,
    long totalTokens,
    @JsonSerialize(using = PlainDecimalSerializer.class) BigDecimal cost,
    String costCurrency,
    Instant createdAt) {

  public Insight {
    suggestions = List.copyOf(suggestions);
    ungroundedNumbers = List.copyOf(ungroundedNumbers);
  }
}
