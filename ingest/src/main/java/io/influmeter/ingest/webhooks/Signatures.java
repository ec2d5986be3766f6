package io.influmeter.ingest.webhooks;

import io.influmeter.ingest.http.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Signature checks on the raw body, in constant time per comparison, against every secret the store
 * accepts at the moment (current, and previous during a rotation).
 */
public final class Signatures {

  /** Stripe's (and our generic scheme's) tolerance for the signed timestamp, both directions. */
  public static final Duration TOLERANCE = Duration.ofSeconds(300);

  private Signatures() {}

  /** Shopify and WooCommerce: header = base64(HMAC-SHA256(secret, body)). */
  public static boolean base64BodyHmacMatches(String header, byte[] body, List<byte[]> secrets) {
    if (header == null || header.isBlank() || header.length() > 128) {
      return false;
    }
    byte[] claimed;
    try {
      claimed = Base64.getDecoder().decode(header.trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    boolean matched = false;
    for (byte[] secret : secrets) {
      // No early exit: the time taken does not depend on which secret matched.
      matched |= Hmac.equal(Hmac.sha256(secret, body), claimed);
    }
    return matched;
  }

  /**
   * Stripe and generic: header {@code t=..,v1=..}, signature = hex(HMAC-SHA256(secret, t + "." +
   * body)), and t within {@link #TOLERANCE} of now.
   */
  public static boolean timestampedHmacMatches(
      String header, byte[] body, List<byte[]> secrets, Instant now) {
    Optional<SignatureHeader> parsed = SignatureHeader.parse(header);
    if (parsed.isEmpty()) {
      return false;
    }
    long age = now.getEpochSecond() - parsed.get().timestamp();
    if (Math.abs(age) > TOLERANCE.toSeconds()) {
      return false;
    }
    byte[] prefix = (parsed.get().timestamp() + ".").getBytes(StandardCharsets.US_ASCII);
    boolean matched = false;
    for (byte[] secret : secrets) {
      byte[] expected = Hmac.sha256(secret, prefix, body);
      for (byte[] claimed : parsed.get().signatures()) {
        matched |= Hmac.equal(expected, claimed);
      }
    }
    return matched;
  }

  /** Builds a timestamped signature header (for senders of the generic scheme and tests). */
  public static String timestampedHeader(byte[] secret, long timestamp, byte[] body) {
    byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
    return "t=" + timestamp + ",v1=" + Hmac.hex(Hmac.sha256(secret, prefix, body));
  }

  /** Builds a Shopify/WooCommerce-style header value. */
  public static String base64Header(byte[] secret, byte[] body) {
    return Base64.getEncoder().encodeToString(Hmac.sha256(secret, body));
  }
}
