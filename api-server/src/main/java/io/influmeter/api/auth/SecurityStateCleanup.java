package io.influmeter.api.auth;

import static io.influmeter.api.db.Tables.LOGIN_FAILURES;
import static io.influmeter.api.db.Tables.RATE_LIMIT_BUCKETS;
import static io.influmeter.api.db.Tables.REFRESH_TOKENS;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jooq.DSLContext;

/**
 * Deletes security state that no longer decides anything, so the tables stay the size of the active
 * population: rate-limit buckets idle for an hour (a deleted bucket is the same as a full one, and
 * every configured bucket refills within an hour), failure counts that are forgotten and not
 * locked, and refresh tokens a day past expiry. Idempotent; any instance may run it.
 */
public final class SecurityStateCleanup {
  static final Duration IDLE_BUCKET = Duration.ofHours(1);
  static final Duration EXPIRED_TOKEN_GRACE = Duration.ofDays(1);

  private final DSLContext dsl;

  public SecurityStateCleanup(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Number of rows deleted. */
  public int purge(Instant now) {
    var at = now.atOffset(ZoneOffset.UTC);
    int deleted =
        dsl.deleteFrom(RATE_LIMIT_BUCKETS)
            .where(RATE_LIMIT_BUCKETS.REFILLED_AT.lt(at.minus(IDLE_BUCKET)))
            .execute();
    deleted +=
        dsl.deleteFrom(LOGIN_FAILURES)
            .where(LOGIN_FAILURES.LAST_FAILURE_AT.lt(at.minus(LoginThrottle.FORGET_AFTER)))
            .and(LOGIN_FAILURES.LOCKED_UNTIL.isNull().or(LOGIN_FAILURES.LOCKED_UNTIL.lt(at)))
            .execute();
    deleted +=
        dsl.deleteFrom(REFRESH_TOKENS)
            .where(REFRESH_TOKENS.EXPIRES_AT.lt(at.minus(EXPIRED_TOKEN_GRACE)))
            .execute();
    return deleted;
  }
}
