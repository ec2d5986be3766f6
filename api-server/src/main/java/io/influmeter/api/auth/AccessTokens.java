package io.influmeter.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Short-lived access tokens: HS256 JWTs carrying {@code sub}, {@code role}, {@code sid} (session),
 * {@code iat}, {@code exp}, {@code jti}. Verification accepts HS256 only, so {@code alg: none} and
 * RS/HS confusion cannot work: the algorithm is ours to choose, never the token's. The first
 * configured key signs; every configured key verifies, which allows rotation without signing
 * everybody out.
 */
public final class AccessTokens {
  static final String ISSUER = "influmeter-api";
  static final String AUDIENCE = "influmeter";
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private final List<SigningKey> keys;
  private final Duration ttl;
  private final Clock clock;

  private record SigningKey(String id, byte[] secret) {}

  /** What a verified token says; the gate still checks the account and session are live. */
  public record Claims(UUID userId, Role role, UUID sessionId, UUID tokenId, Instant expiresAt) {}

  public AccessTokens(List<byte[]> secrets, Duration ttl, Clock clock) {
    this.keys = secrets.stream().map(s -> new SigningKey(keyId(s), s.clone())).toList();
    this.ttl = ttl;
    this.clock = clock;
  }

  public Duration ttl() {
    return ttl;
  }

  public String issue(UUID userId, Role role, UUID sessionId) {
    Instant now = clock.instant();
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .subject(userId.toString())
            .claim("role", role.name())
            .claim("sid", sessionId.toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SigningKey key = keys.get(0);
    var header =
        new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(key.id()).build();
    var jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new MACSigner(key.secret()));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an access token", e);
    }
    return jwt.serialize();
  }

  /** The token's claims when its signature, algorithm, issuer, audience and times all check out. */
  public Optional<Claims> verify(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
        return Optional.empty();
      }
      if (!signatureMatches(jwt)) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Instant now = clock.instant();
      if (claims.getExpirationTime() == null
          || claims.getIssueTime() == null
          || !claims.getExpirationTime().toInstant().isAfter(now.minus(CLOCK_SKEW))
          || claims.getIssueTime().toInstant().isAfter(now.plus(CLOCK_SKEW))
          || !ISSUER.equals(claims.getIssuer())
          || claims.getAudience() == null
          || !claims.getAudience().contains(AUDIENCE)) {
        return Optional.empty();
      }
      return Optional.of(
          new Claims(
              UUID.fromString(claims.getSubject()),
              Role.valueOf(claims.getStringClaim("role")),
              UUID.fromString(claims.getStringClaim("sid")),
              UUID.fromString(claims.getJWTID()),
              claims.getExpirationTime().toInstant()));
    } catch (ParseException | JOSEException | RuntimeException e) {
      // Malformed, unsigned, unknown role, missing claims: all simply "not a valid token".
      return Optional.empty();
    }
  }

  private boolean signatureMatches(SignedJWT jwt) throws JOSEException {
    String keyId = jwt.getHeader().getKeyID();
    for (SigningKey key : keys) {
      if (keyId != null && !keyId.equals(key.id())) {
        continue;
      }
      if (jwt.verify(new MACVerifier(key.secret()))) {
        return true;
      }
    }
    return false;
  }

  /** A public, stable id of a key: the start of its SHA-256, so rotation can pick the right key. */
  private static String keyId(byte[] secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
