package io.influmeter.ingest.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 and constant-time comparison, shared by signatures and identity hashing. */
public final class Hmac {

  private static final String ALGORITHM = "HmacSHA256";

  private Hmac() {}

  // Mac.getInstance looks the provider up on every call: one instance per thread, re-keyed per use.
  private static final ThreadLocal<Mac> MACS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance(ALGORITHM);
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
          });

  public static byte[] sha256(byte[] key, byte[]... parts) {
    try {
      Mac mac = MACS.get();
      mac.init(new SecretKeySpec(key, ALGORITHM));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  public static byte[] sha256(String key, byte[]... parts) {
    return sha256(key.getBytes(StandardCharsets.UTF_8), parts);
  }

  /** Constant-time equality: timing does not reveal how many leading bytes matched. */
  public static boolean equal(byte[] expected, byte[] actual) {
    return expected != null && actual != null && MessageDigest.isEqual(expected, actual);
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** URL-safe base64 without padding of the first {@code length} bytes. */
  public static String base64Url(byte[] bytes, int length) {
    byte[] prefix = bytes.length == length ? bytes : java.util.Arrays.copyOf(bytes, length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(prefix);
  }
}
