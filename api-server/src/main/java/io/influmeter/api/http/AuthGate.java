package io.influmeter.api.http;

import io.influmeter.api.ApiConfig.RateLimits;
import io.influmeter.api.auth.AccessTokens;
import io.influmeter.api.auth.Principal;
import io.influmeter.api.auth.Role;
import io.influmeter.api.auth.SessionRepository;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The one gate every matched request passes: rate limit per IP, then (unless the route is public)
 * bearer token, live session and account, rate limit per account, and the route's roles. Token
 * problems of every kind get the same 401, so a caller learns nothing about why.
 */
public final class AuthGate implements Handler {
  private static final String BEARER = "Bearer ";

  private final AccessTokens tokens;
  private final DSLContext dsl;
  private final RateLimiter limiter;
  private final RateLimits limits;

  public AuthGate(AccessTokens tokens, DSLContext dsl, RateLimiter limiter, RateLimits limits) {
    this.tokens = tokens;
    this.dsl = dsl;
    this.limiter = limiter;
    this.limits = limits;
  }

  @Override
  public void handle(Context ctx) {
    Set<RouteRole> roles = ctx.routeRoles();
    if (roles.contains(Access.Marker.PROBE)) {
      return;
    }
    limit("ip:" + Requests.clientIp(ctx), limits.ipCapacity(), limits.ipRefillPerSecond());
    if (roles.contains(Access.Marker.ANYONE)) {
      return;
    }
    if (roles.isEmpty()) {
      // A route that declares no roles is a bug; refuse rather than serve it to everybody.
      throw ApiException.forbidden();
    }
    Principal principal =
        authenticate(ctx.header("Authorization")).orElseThrow(ApiException::unauthorized);
    ctx.attribute(Requests.PRINCIPAL, principal);
    limit(
        "account:" + principal.userId(), limits.accountCapacity(), limits.accountRefillPerSecond());
    if (!roles.contains(principal.role())) {
      throw ApiException.forbidden();
    }
  }

  private Optional<Principal> authenticate(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    String token = authorization.substring(BEARER.length()).strip();
    if (token.isEmpty() || token.length() > 4096) {
      return Optional.empty();
    }
    return tokens
        .verify(token)
        .flatMap(
            claims -> {
              // The account and the session must still be live, with the role the token claims:
              // logout, refresh-token reuse, suspension and role changes take effect at once.
              Optional<Role> live =
                  new SessionRepository(dsl).liveRole(claims.userId(), claims.sessionId());
              if (live.isEmpty() || live.get() != claims.role()) {
                return Optional.empty();
              }
              return Optional.of(
                  new Principal(
                      claims.userId(), claims.role(), claims.sessionId(), claims.tokenId()));
            });
  }

  private void limit(String key, double capacity, double refillPerSecond) {
    Duration wait = limiter.tryAcquire(key, capacity, refillPerSecond);
    if (!wait.isZero()) {
      throw ApiException.tooManyRequests("rate-limited", (wait.toMillis() + 999) / 1000);
    }
  }
}
