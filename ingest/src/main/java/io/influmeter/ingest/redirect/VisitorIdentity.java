package io.influmeter.ingest.redirect;

import io.influmeter.ingest.http.Hmac;
import io.influmeter.ingest.http.KeyedHmac;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

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

  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final byte[] SEPARATOR = {0};
  private static final byte[] COOKIE_CONTEXT = "visitor-cookie".getBytes(StandardCharsets.UTF_8);
  private static final Pattern LITERAL_ADDRESS = Pattern.compile("[0-9a-fA-F:.]+");

  private final byte[] secret;
  private final KeyedHmac secretHmac;
  private final Clock clock;
  // DRBG: a CSPRNG in memory; the default NativePRNG reads /dev/urandom under one global lock.
  private final SecureRandom random = newRandom();
  private volatile DailySalt salt;

  public VisitorIdentity(byte[] secret, Clock clock) {
    this.secret = secret.clone();
    this.secretHmac = new KeyedHmac(secret);
    this.clock = clock;
  }

  /** Hash of anonymised IP and user agent under today's salt. */
  public String visitorHash(String ip, String userAgent) {
    byte[] address = anonymise(ip);
    byte[] agent = (userAgent == null ? "" : userAgent).getBytes(StandardCharsets.UTF_8);
    return Hmac.base64Url(todaysSalt().sha256(address, SEPARATOR, agent), HASH_BYTES);
  }

  /** Keyed hash of the visitor cookie's value, or null when the browser sent none. */
  public String visitorIdHash(String cookieValue) {
    if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 64) {
      return null;
    }
    byte[] hash = secretHmac.sha256(COOKIE_CONTEXT, cookieValue.getBytes(StandardCharsets.UTF_8));
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
      if (!LITERAL_ADDRESS.matcher(ip).matches()) {
        return new byte[0];
      }
      byte[] address = InetAddress.getByName(ip).getAddress();
      int keep = address.length == 4 ? 3 : 6;
      return Arrays.copyOf(Arrays.copyOf(address, keep), address.length);
    } catch (UnknownHostException e) {
      return new byte[0];
    }
  }

  private KeyedHmac todaysSalt() {
    // The UTC epoch day from the clock's millis: no date object per click.
    long day = Math.floorDiv(clock.millis(), MILLIS_PER_DAY);
    DailySalt current = salt;
    if (current == null || current.epochDay != day) {
      LocalDate today = LocalDate.ofEpochDay(day);
      byte[] derived =
          Hmac.sha256(secret, ("visitor-salt:" + today).getBytes(StandardCharsets.UTF_8));
      current = new DailySalt(day, new KeyedHmac(derived));
      salt = current;
    }
    return current.hmac;
  }

  private static SecureRandom newRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  private record DailySalt(long epochDay, KeyedHmac hmac) {}
}
