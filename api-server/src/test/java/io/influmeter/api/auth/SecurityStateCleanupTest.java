package io.influmeter.api.auth;

import static io.influmeter.api.db.Tables.LOGIN_FAILURES;
import static io.influmeter.api.db.Tables.RATE_LIMIT_BUCKETS;
import static io.influmeter.api.db.Tables.REFRESH_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SecurityStateCleanupTest extends ApiTest {

  @Test
  void
      idle_buckets_forgotten_failures_and_long_expired_refresh_tokens_are_purged_and_live_state_kept() {
    var dsl = TestDatabase.get().dsl();
    api.register("BRAND");
    http.post("/auth/login", Map.of("email", "nobody@example.test", "password", "wrong password"));
    var cleanup = new SecurityStateCleanup(dsl);

    assertThat(cleanup.purge(clock.instant())).isZero();
    assertThat(dsl.fetchCount(RATE_LIMIT_BUCKETS)).isPositive();
    assertThat(dsl.fetchCount(LOGIN_FAILURES)).isPositive();

    int purged = cleanup.purge(clock.instant().plus(Duration.ofDays(32)));

    assertThat(purged).isPositive();
    assertThat(dsl.fetchCount(RATE_LIMIT_BUCKETS)).isZero();
    assertThat(dsl.fetchCount(LOGIN_FAILURES)).isZero();
    assertThat(dsl.fetchCount(REFRESH_TOKENS)).isZero();
  }
}
