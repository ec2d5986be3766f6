package io.influmeter.api.http;

import static io.influmeter.api.db.Tables.RATE_LIMIT_BUCKETS;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Token buckets kept in PostgreSQL, so several api-server instances share one budget per key. A
 * bucket holds at most {@code capacity} tokens and regains {@code refillPerSecond}; a request takes
 * one. The row lock serialises concurrent requests of one key only.
 */
public final class RateLimiter {
  private final DSLContext dsl;
  private final Clock clock;

  public RateLimiter(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /** Zero when the request may go ahead, else how long to wait before the next token. */
  public Duration tryAcquire(String key, double capacity, double refillPerSecond) {
    // PostgreSQL keeps microseconds; a nanosecond "now" would round and lose refill time.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return dsl.transactionResult(
        tx -> {
          var t = DSL.using(tx);
          t.insertInto(RATE_LIMIT_BUCKETS)
              .set(RATE_LIMIT_BUCKETS.BUCKET_KEY, key)
              .set(RATE_LIMIT_BUCKETS.TOKENS, capacity)
              .set(RATE_LIMIT_BUCKETS.REFILLED_AT, now.atOffset(ZoneOffset.UTC))
              .onConflictDoNothing()
              .execute();
          var bucket =
              t.selectFrom(RATE_LIMIT_BUCKETS)
                  .where(RATE_LIMIT_BUCKETS.BUCKET_KEY.eq(key))
                  .forUpdate()
                  .fetchSingle();
          double elapsed =
              Math.max(
                  0, Duration.between(bucket.getRefilledAt().toInstant(), now).toNanos() / 1e9);
          double available = Math.min(capacity, bucket.getTokens() + elapsed * refillPerSecond);
          // A hair of tolerance: floating-point refill must not turn a whole token into 0.999...
          boolean allowed = available >= 1 - 1e-9;
          t.update(RATE_LIMIT_BUCKETS)
              .set(RATE_LIMIT_BUCKETS.TOKENS, allowed ? available - 1 : available)
              .set(RATE_LIMIT_BUCKETS.REFILLED_AT, now.atOffset(ZoneOffset.UTC))
              .where(RATE_LIMIT_BUCKETS.BUCKET_KEY.eq(key))
              .execute();
          if (allowed) {
            return Duration.ZERO;
          }
          return Duration.ofMillis((long) Math.ceil((1 - available) / refillPerSecond * 1000));
        });
  }
}
