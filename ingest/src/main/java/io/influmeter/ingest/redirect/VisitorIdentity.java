package io.influmeter.ingest.redirect;

import io.influmeter.ingest.http.Hmac;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;

/**
 * Privacy-preserving visitor identity. The IP is anonymised first (IPv4 /24, IPv6 /48), then hashed
 * with the user agent under a salt derived from a secret and the UTC date: the same visitor gives
 * the same hash within a day (unique clicks) and unlinkable hashes across days. The raw IP never
 * leaves this class. The first-party visitor cookie is random and only its keyed hash is produced,
 * so the topic cannot be joined back to a browser's cookie.
 */
public final class VisitorIdentity {

  private static final int HASH_BYTES = 16;
  private static final int COOKIE_BYTES = 16;

  private final byte[] secret;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private volatile DailySalt salt;

  public VisitorIdentity(byte[] secret, Clock clock) {
    this.secret = secret.clone();
    this.clock = clock;
  }

  /** Hash of anonymised IP and user agent under today's salt. */
  public String visitorHash(String ip, String userAgent) {
    byte[] address = anonymise(ip);
    byte[] agent = (userAgent == null ? "" : userAgent).getBytes(StandardCharsets.UTF_8);
    return Hmac.base64Url(Hmac.sha256(todaysSalt(), address, new byte[] {0}, agent), HASH_BYTES);
  }

  /** Keyed hash of the visitor cookie's value, or null when the browser sent none. */
  public String visitorIdHash(String cookieValue) {
    if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 64) {
      return null;
    }
    byte[] hash =
        Hmac.sha256(
            secret,
            "visitor-cookie".getBytes(StandardCharsets.UTF_8),
            cookieValue.getBytes(StandardCharsets.UTF_8));
    return Hmac.base64Url(hash, HASH_BYTES);
  }

  /** A new random visitor cookie value. */
  public String newVisitorCookie() {
    byte[] bytes = new byte[COOKIE_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] anonymise(String ip) {
    if (ip == null || ip.isBlank()) {
      return new byte[0];
    }
    try {
      // Only literal addresses are parsed (no DNS): a name gives an empty identity instead.
      if (!ip.matches("[0-9a-fA-F:.]+")) {
        return new byte[0];
      }
      byte[] address = InetAddress.getByName(ip).getAddress();
      int keep = address.length == 4 ? 3 : 6;
      return Arrays.copyOf(Arrays.copyOf(address, keep), address.length);
    } catch (UnknownHostException e) {
      return new byte[0];
    }
  }

  private byte[] todaysSalt() {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    DailySalt current = salt;
    if (current == null || !current.date.equals(today)) {
      byte[] derived =
          Hmac.sha256(secret, ("visitor-salt:" + today).getBytes(StandardCharsets.UTF_8));
      current = new DailySalt(today, derived);
      salt = current;
    }
    return current.salt;
  }

  private record DailySalt(LocalDate date, byte[] salt) {}
}
