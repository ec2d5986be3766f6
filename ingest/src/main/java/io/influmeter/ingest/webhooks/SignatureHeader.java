package io.influmeter.ingest.webhooks;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A Stripe-style signature header, {@code t=<unix seconds>,v1=<hex>[,v1=<hex>...]}, as Stripe sends
 * it and as our generic scheme uses it. Several {@code v1} values appear while a secret rotates;
 * other schemes ({@code v0}) and unknown elements are ignored. Never throws: a header that cannot
 * be parsed is simply absent.
 *
 * @param timestamp the {@code t} value, seconds since the epoch
 * @param signatures decoded {@code v1} signatures
 */
public record SignatureHeader(long timestamp, List<byte[]> signatures) {

  private static final int MAX_HEADER_CHARS = 4096;
  private static final int MAX_SIGNATURES = 16;

  public static Optional<SignatureHeader> parse(String header) {
    if (header == null || header.isEmpty() || header.length() > MAX_HEADER_CHARS) {
      return Optional.empty();
    }
    Long timestamp = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String element : header.split(",")) {
      int equals = element.indexOf('=');
      if (equals <= 0) {
        continue;
      }
      String name = element.substring(0, equals).trim();
      String value = element.substring(equals + 1).trim();
      if (name.equals("t")) {
        timestamp = parseSeconds(value);
        if (timestamp == null) {
          return Optional.empty();
        }
      } else if (name.equals("v1") && signatures.size() < MAX_SIGNATURES) {
        byte[] decoded = decodeHex(value);
        if (decoded != null) {
          signatures.add(decoded);
        }
      }
    }
    if (timestamp == null || signatures.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SignatureHeader(timestamp, List.copyOf(signatures)));
  }

  private static Long parseSeconds(String value) {
    if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Long.parseLong(value);
  }

  private static byte[] decodeHex(String value) {
    if (value.length() != 64) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
