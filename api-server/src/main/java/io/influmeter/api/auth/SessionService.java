package io.influmeter.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.audit.AuditLog;
import io.influmeter.api.auth.AuthRequests.TokenResponse;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.http.Validation;
import io.influmeter.api.users.User;
import io.influmeter.api.users.UserRepository;
import io.influmeter.api.users.UserViews;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Sessions and their tokens: starting one at sign-in, rotating its refresh token, ending it. A
 * session is one refresh-token family; revoking it stops its access tokens too (the gate checks).
 */
public final class SessionService {
  private final DSLContext dsl;
  private final Clock clock;
  private final AccessTokens accessTokens;
  private final Duration refreshTtl;
  private final ObjectMapper json;

  public SessionService(
      DSLContext dsl,
      Clock clock,
      AccessTokens accessTokens,
      Duration refreshTtl,
      ObjectMapper json) {
    this.dsl = dsl;
    this.clock = clock;
    this.accessTokens = accessTokens;
    this.refreshTtl = refreshTtl;
    this.json = json;
  }

  /** Starts a session for {@code user} inside the caller's transaction. */
  TokenResponse start(DSLContext tdsl, User user) {
    UUID sessionId = UUID.randomUUID();
    new SessionRepository(tdsl).createSession(sessionId, user.id(), clock.instant());
    return issue(tdsl, user, sessionId);
  }

  /**
   * Rotates a refresh token. Presenting a token that was already rotated means two parties hold it
   * (one of them a thief): the whole session is revoked and both must sign in again.
   */
  public TokenResponse refresh(AuthRequests.Refresh request, String clientIp) {
    new Validation().required("refreshToken", request.refreshToken()).throwIfInvalid();
    String hash = Tokens.sha256Hex(request.refreshToken());
    Instant now = clock.instant();
    // Returns null after revoking a family: the revocation must commit before we answer 401.
    TokenResponse response =
        dsl.transactionResult(
            tx -> {
              var tdsl = DSL.using(tx);
              var sessions = new SessionRepository(tdsl);
              var stored =
                  sessions.findRefreshTokenForUpdate(hash).orElseThrow(ApiException::unauthorized);
              if (stored.revokedAt() != null) {
                throw ApiException.unauthorized();
              }
              if (stored.usedAt() != null) {
                sessions.revokeSession(stored.sessionId(), "refresh-token-reuse", now);
                new AuditLog(tdsl, json)
                    .record(
                        new AuditLog.Change(
                            stored.userId(),
                            "session.revoked.refresh-token-reuse",
                            "session",
                            stored.sessionId().toString(),
                            null,
                            Map.of("reason", "a rotated refresh token was presented again"),
                            clientIp),
                        now);
                return null;
              }
              if (!stored.expiresAt().isAfter(now)) {
                throw ApiException.unauthorized();
              }
              var user =
                  new UserRepository(tdsl)
                      .findById(stored.userId())
                      .orElseThrow(ApiException::unauthorized);
              if (!user.active()) {
                throw ApiException.unauthorized();
              }
              sessions.markUsed(stored.id(), now);
              return issue(tdsl, user, stored.sessionId());
            });
    if (response == null) {
      throw ApiException.unauthorized();
    }
    return response;
  }

  public void logout(Principal principal) {
    dsl.transaction(
        tx ->
            new SessionRepository(DSL.using(tx))
                .revokeSession(principal.sessionId(), "logout", clock.instant()));
  }

  private TokenResponse issue(DSLContext tdsl, User user, UUID sessionId) {
    Instant now = clock.instant();
    String refreshToken = Tokens.newOpaqueToken();
    new SessionRepository(tdsl)
        .addRefreshToken(sessionId, Tokens.sha256Hex(refreshToken), now, now.plus(refreshTtl));
    String accessToken = accessTokens.issue(user.id(), user.role(), sessionId);
    return new TokenResponse(
        accessToken,
        "Bearer",
        accessTokens.ttl().toSeconds(),
        refreshToken,
        UserViews.me(new UserRepository(tdsl), user));
  }
}
