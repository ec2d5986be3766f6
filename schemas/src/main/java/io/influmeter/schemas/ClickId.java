package io.influmeter.schemas;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Click ids: time-ordered, unguessable and verifiable without a lookup.
 *
 * <p>The redirect issues one per click and appends it to the destination ({@code im_click=...}); a
 * store sends it back with the order. The id itself carries the link id and the click time, signed
 * with an HMAC, so the attribution job can attribute a conversion and check the campaign's lookback
 * window without keeping every click in state for 30+ days, and a forged or altered id fails
 * verification.
 *
 * <p>Layout (42 bytes): version (1) | click time, epoch millis (6, big-endian) | random (8) | link
 * UUID (16) | key id (1) | HMAC-SHA256 truncated to 10 bytes over everything before it. Encoded in
 * lower-case Crockford base32, whose alphabet is in ASCII order, so ids sort by click time as
 * strings. 80 bits of MAC make forging by guessing hopeless; 64 random bits keep ids of the same
 * link in the same millisecond apart.
 */
public final class ClickId {

  private static final byte VERSION = 1;
  private static final int RANDOM_BYTES = 8;
  private static final int MAC_BYTES = 10;
  private static final int SIGNED_BYTES = 1 + 6 + RANDOM_BYTES + 16 + 1;
  private static final int TOTAL_BYTES = SIGNED_BYTES + MAC_BYTES;
  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private static final int ENCODED_LENGTH = (TOTAL_BYTES * 8 + 4) / 5;
  private static final int[] DECODE = new int[128];
  private static final long MAX_MILLIS = (1L << 48) - 1;
  private static final SecureRandom SEEDS = new SecureRandom();
  // The random part only keeps ids of one link and millisecond apart; unforgeability comes from
  // the 80-bit MAC, not from it. A shared SecureRandom took a lock per click; each thread draws
  // from its own fast generator, seeded once from SecureRandom so no two threads or processes
  // share a sequence.
  private static final ThreadLocal<SplittableRandom> RANDOM =
      ThreadLocal.withInitial(() -> new SplittableRandom(SEEDS.nextLong()));
  // Mac.getInstance and init (the key pads) per click cost more than the MAC itself: one keyed Mac
  // per thread, re-keyed only when a thread signs or verifies under another key.
  private static final ThreadLocal<KeyedMac> MACS = ThreadLocal.withInitial(KeyedMac::new);

  static {
    Arrays.fill(DECODE, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      DECODE[ALPHABET[i]] = i;
    }
  }

  /** What a valid id proves: which link was clicked, and when. */
  public record Verified(Instant time, UUID linkId) {}

  private ClickId() {}

  /** A new id for a click on {@code linkId} at {@code time}, signed with the current key. */
  public static String issue(Instant time, UUID linkId, ClickIdKeys keys) {
    long millis = time.toEpochMilli();
    if (millis < 0 || millis > MAX_MILLIS) {
      throw new IllegalArgumentException("click time out of range: " + time);
    }
    long random = RANDOM.get().nextLong();
    ClickIdKeys.Key key = keys.current();
    ByteBuffer buffer = ByteBuffer.allocate(TOTAL_BYTES);
    buffer.put(VERSION);
    buffer.putShort((short) (millis >>> 32));
    buffer.putInt((int) millis);
    buffer.putLong(random);
    buffer.putLong(linkId.getMostSignificantBits());
    buffer.putLong(linkId.getLeastSignificantBits());
    buffer.put((byte) key.id());
    byte[] bytes = buffer.array();
    System.arraycopy(mac(key, bytes), 0, bytes, SIGNED_BYTES, MAC_BYTES);
    return encode(bytes);
  }

  /**
   * Verifies {@code id}: empty for anything malformed, signed by an unknown key, or whose MAC does
   * not match. Never throws on bad input (ids come from stores and shoppers).
   */
  public static Optional<Verified> verify(String id, ClickIdKeys keys) {
    if (id == null || id.length() != ENCODED_LENGTH) {
      return Optional.empty();
    }
    byte[] bytes = decode(id);
    if (bytes == null || bytes[0] != VERSION) {
      return Optional.empty();
    }
    Optional<ClickIdKeys.Key> key = keys.byId(bytes[SIGNED_BYTES - 1] & 0xff);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    byte[] expected = mac(key.get(), bytes);
    byte[] actual = Arrays.copyOfRange(bytes, SIGNED_BYTES, TOTAL_BYTES);
    if (!MessageDigest.isEqual(expected, actual)) {
      return Optional.empty();
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    buffer.get();
    long millis = ((buffer.getShort() & 0xffffL) << 32) | (buffer.getInt() & 0xffffffffL);
    buffer.position(1 + 6 + RANDOM_BYTES);
    UUID linkId = new UUID(buffer.getLong(), buffer.getLong());
    return Optional.of(new Verified(Instant.ofEpochMilli(millis), linkId));
  }

  private static byte[] mac(ClickIdKeys.Key key, byte[] bytes) {
    Mac mac = MACS.get().keyedWith(key);
    mac.update(bytes, 0, SIGNED_BYTES);
    return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
  }

  /** A thread's Mac and the key it holds ({@link Mac#doFinal()} resets it to that keyed state). */
  private static final class KeyedMac {
    private ClickIdKeys.Key key;
    private final Mac mac;

    KeyedMac() {
      try {
        mac = Mac.getInstance("HmacSHA256");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available", e);
      }
    }

    Mac keyedWith(ClickIdKeys.Key wanted) {
      if (wanted != key) {
        try {
          mac.init(new SecretKeySpec(wanted.secret(), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("HmacSHA256 key rejected", e);
        }
        key = wanted;
      }
      return mac;
    }
  }

  private static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder(ENCODED_LENGTH);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
    }
    return out.toString();
  }

  private static byte[] decode(String text) {
    byte[] out = new byte[TOTAL_BYTES];
    int buffer = 0;
    int bits = 0;
    int index = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int value = c < 128 ? DECODE[c] : -1;
      if (value < 0) {
        return null;
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        if (index == TOTAL_BYTES) {
          return null;
        }
        out[index++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
    }
    // The padding bits of the last character must be zero, or two strings would decode the same.
    if (index != TOTAL_BYTES || (buffer & ((1 << bits) - 1)) != 0) {
      return null;
    }
    return out;
  }
}
