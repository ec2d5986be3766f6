package io.influmeter.api.auth;

import static io.influmeter.api.db.Tables.LOGIN_FAILURES;

import io.influmeter.api.ApiConfig.LoginThrottleConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Brute-force protection of password sign-in, per account (email) and per client IP. After the free
 * failures a key is locked for a base time that doubles with every further failure (capped). State
 * lives in PostgreSQL, so every api-server instance sees the same counts. Failures older than
 * {@link #FORGET_AFTER} start the count again.
 */
public final class LoginThrottle {
  static final Duration FORGET_AFTER = Duration.ofHours(1);

  private final DSLContext dsl;
  private final Clock clock;
  private final LoginThrottleConfig config;

  public LoginThrottle(DSLContext dsl, Clock clock, LoginThrottleConfig config) {
    this.dsl = dsl;
    this.clock = clock;
    this.config = config;
  }

  public static String emailKey(String normalisedEmail) {
    return "email:" + normalisedEmail;
  }

  public static String ipKey(String ip) {
    return "ip:" + ip;
  }

  /** How long the longest lock among {@code keys} still lasts, if any is locked. */
  public Optional<Duration> lockedFor(List<String> keys) {
    Instant now = clock.instant();
    OffsetDateTime until =
        dsl.select(DSL.max(LOGIN_FAILURES.LOCKED_UNTIL))
            .from(LOGIN_FAILURES)
            .where(LOGIN_FAILURES.FAILURE_KEY.in(keys))
            .and(LOGIN_FAILURES.LOCKED_UNTIL.gt(now.atOffset(ZoneOffset.UTC)))
            .fetchOne(0, OffsetDateTime.class);
    return until == null ? Optional.empty() : Optional.of(Duration.between(now, until.toInstant()));
  }

  public void recordFailure(String emailKey, String ipKey) {
    record(emailKey, config.freeFailures());
    record(ipKey, config.ipFreeFailures());
  }

  /**
   * A successful sign-in clears the account's count (not the IP's: one right guess proves little).
   */
  public void recordSuccess(String emailKey) {
    dsl.deleteFrom(LOGIN_FAILURES).where(LOGIN_FAILURES.FAILURE_KEY.eq(emailKey)).execute();
  }

  private void record(String key, int freeFailures) {
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    OffsetDateTime forgetBefore = now.minus(FORGET_AFTER);
    // One atomic statement: concurrent failures from several instances all count.
    Integer failures =
        dsl.insertInto(LOGIN_FAILURES)
            .set(LOGIN_FAILURES.FAILURE_KEY, key)
            .set(LOGIN_FAILURES.FAILURES, 1)
            .set(LOGIN_FAILURES.LAST_FAILURE_AT, now)
            .onConflict(LOGIN_FAILURES.FAILURE_KEY)
            .doUpdate()
            .set(
                LOGIN_FAILURES.FAILURES,
                DSL.when(LOGIN_FAILURES.LAST_FAILURE_AT.lt(forgetBefore), DSL.inline(1))
                    .otherwise(LOGIN_FAILURES.FAILURES.plus(1)))
            .set(LOGIN_FAILURES.LAST_FAILURE_AT, now)
            .returning(LOGIN_FAILURES.FAILURES)
            .fetchOne(LOGIN_FAILURES.FAILURES);
    if (failures == null || failures <= freeFailures) {
      return;
    }
    int over = Math.min(failures - freeFailures - 1, 20);
    Duration lock = config.baseLock().multipliedBy(1L << over);
    if (lock.compareTo(config.maxLock()) > 0) {
      lock = config.maxLock();
    }
    dsl.update(LOGIN_FAILURES)
        .set(LOGIN_FAILURES.LOCKED_UNTIL, now.plus(lock))
        .where(LOGIN_FAILURES.FAILURE_KEY.eq(key))
        .execute();
  }
}
