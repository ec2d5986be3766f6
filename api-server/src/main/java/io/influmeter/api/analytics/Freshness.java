package io.influmeter.api.analytics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;

/**
 * How current an answer is: {@code as_of} is the newest {@code updated_at} over the result-table
 * rows the answer used (the sinks write it in UTC), {@code lag_ms} how far that is behind {@code
 * generated_at}; both null when no row was used.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Freshness(Instant asOf, Long lagMs, Instant generatedAt) {

  public static Freshness of(Instant now, LocalDateTime... newest) {
    LocalDateTime latest =
        Arrays.stream(newest).filter(Objects::nonNull).max(LocalDateTime::compareTo).orElse(null);
    if (latest == null) {
      return new Freshness(null, null, now);
    }
    Instant asOf = latest.toInstant(ZoneOffset.UTC);
    return new Freshness(asOf, Math.max(0, now.toEpochMilli() - asOf.toEpochMilli()), now);
  }
}
