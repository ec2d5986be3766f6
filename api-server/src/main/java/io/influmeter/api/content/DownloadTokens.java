package io.influmeter.api.content;

import io.influmeter.api.http.ApiException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Expiring download tokens: {@code base64url(revision id, expiry) . base64url(HMAC-SHA256)}. The
 * token is the whole credential of {@code GET /content/files/{token}}, so it names one revision and
 * dies after the configured time; a token whose MAC does not verify is "not found", an expired one
 * is 403.
 */
public final class DownloadTokens {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  /** Domain separation: the key signs nothing else, but the label keeps it that way. */
  private static final byte[] LABEL =
      "influmeter content download v1\n".getBytes(StandardCharsets.UTF_8);

  private final byte[] key;
  private final Duration ttl;
  private final Clock clock;

  public DownloadTokens(byte[] key, Duration ttl, Clock clock) {
    this.key = key.clone();
    this.ttl = ttl;
    this.clock = clock;
  }

  public record Issued(String token, Instant expiresAt) {}

  public Issued issue(UUID revisionId) {
    Instant expiresAt = clock.instant().plus(ttl);
    ByteBuffer payload = ByteBuffer.allocate(24);
    payload.putLong(revisionId.getMostSignificantBits());
    payload.putLong(revisionId.getLeastSignificantBits());
    payload.putLong(expiresAt.getEpochSecond());
    byte[] bytes = payload.array();
    return new Issued(
        ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes)),
        Instant.ofEpochSecond(expiresAt.getEpochSecond()));
  }

  /** The revision a valid token names; 404 for anything forged or malformed, 403 when expired. */
  public UUID verify(String token) {
    int dot = token.indexOf('.');
    if (dot < 0 || token.length() > 200) {
      throw ApiException.notFound();
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = DECODER.decode(token.substring(0, dot));
      signature = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound();
    }
    if (payload.length != 24 || !MessageDigest.isEqual(mac(payload), signature)) {
      throw ApiException.notFound();
    }
    ByteBuffer buffer = ByteBuffer.wrap(payload);
    UUID revisionId = new UUID(buffer.getLong(), buffer.getLong());
    Instant expiresAt = Instant.ofEpochSecond(buffer.getLong());
    if (!clock.instant().isBefore(expiresAt)) {
      throw new ApiException(
          403,
          "download-url-expired",
          "Download URL expired",
          "This download URL has expired; ask for a new one.",
          List.of(),
          Map.of());
    }
    return revisionId;
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(LABEL);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
