package io.influmeter.api.http;

import static io.influmeter.api.db.Tables.RATE_LIMIT_BUCKETS;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Token buckets kept in PostgreSQL, so several api-server instances share one budget per key. A
 * bucket holds at most {@code capacity} tokens and regains {@code refillPerSecond}; a request takes
 * one.
 *
 * <p>One statement per request: an upsert whose update only happens when a whole token is available
 * ({@code ON CONFLICT ... DO UPDATE ... WHERE}). A returned row means allowed; no row means denied,
 * and the bucket is left untouched, so its refill keeps counting from the last granted request. The
 * row lock is held for that one statement only.
 */
public final class RateLimiter {
  // A hair of tolerance: floating-point refill must not turn a whole token into 0.999...
  private static final double WHOLE_TOKEN = 1 - 1e-9;

  private final DSLContext dsl;
  private final Clock clock;

  public RateLimiter(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /** Zero when the request may go ahead, else how long to wait before the next token. */
  public Duration tryAcquire(String key, double capacity, double refillPerSecond) {
    // PostgreSQL keeps microseconds; a nanosecond "now" would round and lose refill time.
    Instant instant = clock.instant().truncatedTo(ChronoUnit.MICROS);
    OffsetDateTime now = instant.atOffset(ZoneOffset.UTC);
    Field<Double> available = available(DSL.val(now), capacity, refillPerSecond);
    boolean allowed =
        dsl.insertInto(RATE_LIMIT_BUCKETS)
            .set(RATE_LIMIT_BUCKETS.BUCKET_KEY, key)
            .set(RATE_LIMIT_BUCKETS.TOKENS, capacity - 1)
            .set(RATE_LIMIT_BUCKETS.REFILLED_AT, now)
            .onConflict(RATE_LIMIT_BUCKETS.BUCKET_KEY)
            .doUpdate()
            .set(RATE_LIMIT_BUCKETS.TOKENS, available.minus(1.0))
            .set(RATE_LIMIT_BUCKETS.REFILLED_AT, now)
            .where(available.ge(WHOLE_TOKEN))
            .returning(RATE_LIMIT_BUCKETS.TOKENS)
            .fetchOptional()
            .isPresent();
    if (allowed) {
      return Duration.ZERO;
    }
    Double tokens =
        dsl.select(available(DSL.val(now), capacity, refillPerSecond))
            .from(RATE_LIMIT_BUCKETS)
            .where(RATE_LIMIT_BUCKETS.BUCKET_KEY.eq(key))
            .fetchOne(0, Double.class);
    double missing = 1 - (tokens == null ? 0 : tokens);
    return Duration.ofMillis(Math.max(1, (long) Math.ceil(missing / refillPerSecond * 1000)));
  }

  /** min(capacity, tokens + seconds since the last refill * rate), computed by the database. */
  private static Field<Double> available(
      Field<OffsetDateTime> now, double capacity, double refillPerSecond) {
    Field<Double> elapsedSeconds =
        DSL.field(
            "greatest(0, extract(epoch from ({0} - {1})))::double precision",
            Double.class, now, RATE_LIMIT_BUCKETS.REFILLED_AT);
    return DSL.least(
        DSL.val(capacity),
        RATE_LIMIT_BUCKETS.TOKENS.plus(elapsedSeconds.times(DSL.val(refillPerSecond))));
  }
}
