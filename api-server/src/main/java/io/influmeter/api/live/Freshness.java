package io.influmeter.api.live;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The contract's freshness block: the newest {@code updated_at} behind the numbers, how far it is
 * behind now, and when the answer was made. Written with the contract's snake_case names.
 */
record Freshness(Optional<Instant> asOf, Instant generatedAt) {

  Map<String, Object> toJson() {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("as_of", asOf.map(Instant::toString).orElse(null));
    block.put(
        "lag_ms",
        asOf.map(t -> Math.max(0, Duration.between(t, generatedAt).toMillis())).orElse(null));
    block.put("generated_at", generatedAt.toString());
    return block;
  }
}
