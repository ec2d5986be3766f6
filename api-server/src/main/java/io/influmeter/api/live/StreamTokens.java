package io.influmeter.api.live;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Short-lived, single-campaign tokens for {@code GET /analytics/campaigns/{id}/live}. A browser's
 * EventSource cannot send an Authorization header, and the long-lived access token must never sit
 * in a URL (logs, history, Referer), so the page trades its access token for one of these and puts
 * it in the query. HS256 JWTs signed with the access-token keys but with their own audience: an
 * access token is not a stream token and a stream token is not an access token (the access-token
 * verifier demands audience {@code influmeter}). A token names the campaign, user and session; it
 * is only needed to open the stream, so its lifetime is a minute.
 */
public final class StreamTokens {
  static final String AUDIENCE = "influmeter-live";
  private static final String ISSUER = "influmeter-api";

  private final List<byte[]> keys;
  private final Duration ttl;
  private final Clock clock;

  /** What a verified stream token grants. */
  public record Grant(UUID userId, UUID sessionId, UUID campaignId, Instant expiresAt) {}

  /** A new token and when it stops opening streams. */
  public record Issued(String token, Instant expiresAt) {}

  public StreamTokens(List<byte[]> keys, Duration ttl, Clock clock) {
    this.keys = keys.stream().map(byte[]::clone).toList();
    this.ttl = ttl;
    this.clock = clock;
  }

  public Issued issue(UUID userId, UUID sessionId, UUID campaignId) {
    Instant now = clock.instant();
    Instant expires = now.plus(ttl);
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .subject(userId.toString())
            .claim("sid", sessionId.toString())
            .claim("cid", campaignId.toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(expires))
            .jwtID(UUID.randomUUID().toString())
            .build();
    var jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(new MACSigner(keys.get(0)));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a stream token", e);
    }
    return new Issued(jwt.serialize(), expires);
  }

  /**
   * The grant when signature (HS256 only), issuer, audience and expiry check out and the token
   * names this campaign; empty for everything else, without saying why.
   */
  public Optional<Grant> verify(String token, UUID campaignId) {
    if (token == null || token.isEmpty() || token.length() > 2048) {
      return Optional.empty();
    }
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !signedByUs(jwt)) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Instant now = clock.instant();
      if (claims.getExpirationTime() == null
          || !claims.getExpirationTime().toInstant().isAfter(now)
          || !ISSUER.equals(claims.getIssuer())
          || claims.getAudience() == null
          || !claims.getAudience().equals(List.of(AUDIENCE))
          || !campaignId.toString().equals(claims.getStringClaim("cid"))) {
        return Optional.empty();
      }
      return Optional.of(
          new Grant(
              UUID.fromString(claims.getSubject()),
              UUID.fromString(claims.getStringClaim("sid")),
              campaignId,
              claims.getExpirationTime().toInstant()));
    } catch (ParseException | JOSEException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private boolean signedByUs(SignedJWT jwt) throws JOSEException {
    for (byte[] key : keys) {
      if (jwt.verify(new MACVerifier(key))) {
        return true;
      }
    }
    return false;
  }
}
