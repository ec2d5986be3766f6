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
 * <p>Version 2 also carries what attribution needs of the click itself, so the attribution job
 * keeps no index of clicks by id: whether the click may earn commission ({@code excluded}: a bot or
 * self-referral, as ingest judged it at the redirect) and the visitor's tag ({@link
 * #visitorTag(String)} of the click's {@code visitor_id}; 0 when the browser had none), which
 * routes the order to that visitor's journey of clicks. The tag is a 64-bit hash of an already
 * keyed hash of the first-party cookie: it tells a store no more than its own cookies do.
 *
 * <p>Layout, version 2 (51 bytes, 82 characters): version (1) | click time, epoch millis (6,
 * big-endian) | random (8) | link UUID (16) | flags (1, bit 0 = excluded) | visitor tag (8) | key
 * id (1) | HMAC-SHA256 truncated to 10 bytes over everything before it. Version 1 (42 bytes, 68
 * characters; still verified, as not excluded and without a visitor) has no flags and no tag.
 * Encoded in lower-case Crockford base32, whose alphabet is in ASCII order, so ids of one version
 * sort by click time as strings. 80 bits of MAC make forging by guessing hopeless; 64 random bits
 * keep ids of the same link in the same millisecond apart.
 */
public final class ClickId {

  private static final int RANDOM_BYTES = 8;
  private static final int MAC_BYTES = 10;
  private static final Layout V1 = new Layout((byte) 1, 1 + 6 + RANDOM_BYTES + 16 + 1);
  private static final Layout V2 = new Layout((byte) 2, 1 + 6 + RANDOM_BYTES + 16 + 1 + 8 + 1);
  private static final int EXCLUDED_FLAG = 1;
  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
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

  /**
   * What a valid id proves: which link was clicked, and when; whether the click may not earn (bot
   * or self-referral); and the visitor's tag (0: none).
   */
  public record Verified(Instant time, UUID linkId, boolean excluded, long visitorTag) {

    /** A click that may earn, without a visitor (what a version 1 id proves). */
    public Verified(Instant time, UUID linkId) {
      this(time, linkId, false, NO_VISITOR);
    }
  }

  /** The visitor tag of a click whose browser sent no visitor id. */
  public static final long NO_VISITOR = 0;

  /** One id format: its version byte and sizes. */
  private record Layout(byte version, int signedBytes) {
    int totalBytes() {
      return signedBytes + MAC_BYTES;
    }

    int encodedLength() {
      return (totalBytes() * 8 + 4) / 5;
    }
  }

  private ClickId() {}

  /**
   * A new id for a click on {@code linkId} at {@code time} that may earn, without a visitor, signed
   * with the current key.
   */
  public static String issue(Instant time, UUID linkId, ClickIdKeys keys) {
    return issue(time, linkId, false, NO_VISITOR, keys);
  }

  /**
   * A new id for a click on {@code linkId} at {@code time}, signed with the current key.
   *
   * @param excluded the click may never earn commission (a bot, a self-referral)
   * @param visitorTag {@link #visitorTag(String)} of the click's visitor id ({@link #NO_VISITOR}
   *     when none)
   */
  public static String issue(
      Instant time, UUID linkId, boolean excluded, long visitorTag, ClickIdKeys keys) {
    return issue(V2, time, linkId, excluded, visitorTag, keys);
  }

  /** A version 1 id, as issued before version 2: for tests that old ids still verify. */
  static String issueVersion1(Instant time, UUID linkId, ClickIdKeys keys) {
    return issue(V1, time, linkId, false, NO_VISITOR, keys);
  }

  private static String issue(
      Layout layout,
      Instant time,
      UUID linkId,
      boolean excluded,
      long visitorTag,
      ClickIdKeys keys) {
    long millis = time.toEpochMilli();
    if (millis < 0 || millis > MAX_MILLIS) {
      throw new IllegalArgumentException("click time out of range: " + time);
    }
    long random = RANDOM.get().nextLong();
    ClickIdKeys.Key key = keys.current();
    ByteBuffer buffer = ByteBuffer.allocate(layout.totalBytes());
    buffer.put(layout.version());
    buffer.putShort((short) (millis >>> 32));
    buffer.putInt((int) millis);
    buffer.putLong(random);
    buffer.putLong(linkId.getMostSignificantBits());
    buffer.putLong(linkId.getLeastSignificantBits());
    if (layout != V1) {
      buffer.put((byte) (excluded ? EXCLUDED_FLAG : 0));
      buffer.putLong(visitorTag);
    }
    buffer.put((byte) key.id());
    byte[] bytes = buffer.array();
    System.arraycopy(mac(key, bytes, layout), 0, bytes, layout.signedBytes(), MAC_BYTES);
    return encode(bytes);
  }

  /**
   * The 64-bit tag of a visitor id (ingest's keyed hash of the first-party cookie) that click ids
   * carry and the attribution job keys journeys by; {@link #NO_VISITOR} for null or blank. FNV-1a
   * over the UTF-16 code units, then the SplitMix64 finalizer; never 0 for a visitor. The input is
   * already a keyed hash, so a fast non-cryptographic hash loses nothing: two visitors share a tag
   * with odds of about n^2 / 2^65 (1 in 370,000 among ten million visitors).
   */
  public static long visitorTag(String visitorId) {
    if (visitorId == null || visitorId.isBlank()) {
      return NO_VISITOR;
    }
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < visitorId.length(); i++) {
      hash ^= visitorId.charAt(i);
      hash *= 0x100000001b3L;
    }
    hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
    hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
    hash ^= hash >>> 31;
    return hash == NO_VISITOR ? 1 : hash;
  }

  /**
   * Verifies {@code id}: empty for anything malformed, signed by an unknown key, or whose MAC does
   * not match. Never throws on bad input (ids come from stores and shoppers).
   */
  public static Optional<Verified> verify(String id, ClickIdKeys keys) {
    Layout layout = layoutOf(id);
    if (layout == null) {
      return Optional.empty();
    }
    byte[] bytes = decode(id, layout.totalBytes());
    if (bytes == null || bytes[0] != layout.version()) {
      return Optional.empty();
    }
    Optional<ClickIdKeys.Key> key = keys.byId(bytes[layout.signedBytes() - 1] & 0xff);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    byte[] expected = mac(key.get(), bytes, layout);
    byte[] actual = Arrays.copyOfRange(bytes, layout.signedBytes(), layout.totalBytes());
    if (!MessageDigest.isEqual(expected, actual)) {
      return Optional.empty();
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    buffer.get();
    long millis = ((buffer.getShort() & 0xffffL) << 32) | (buffer.getInt() & 0xffffffffL);
    buffer.position(1 + 6 + RANDOM_BYTES);
    UUID linkId = new UUID(buffer.getLong(), buffer.getLong());
    Instant time = Instant.ofEpochMilli(millis);
    if (layout == V1) {
      return Optional.of(new Verified(time, linkId));
    }
    boolean excluded = (buffer.get() & EXCLUDED_FLAG) != 0;
    return Optional.of(new Verified(time, linkId, excluded, buffer.getLong()));
  }

  private static Layout layoutOf(String id) {
    if (id == null) {
      return null;
    }
    if (id.length() == V2.encodedLength()) {
      return V2;
    }
    return id.length() == V1.encodedLength() ? V1 : null;
  }

  private static byte[] mac(ClickIdKeys.Key key, byte[] bytes, Layout layout) {
    Mac mac = MACS.get().keyedWith(key);
    mac.update(bytes, 0, layout.signedBytes());
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
    StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
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

  private static byte[] decode(String text, int totalBytes) {
    byte[] out = new byte[totalBytes];
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
        if (index == totalBytes) {
          return null;
        }
        out[index++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
    }
    // The padding bits of the last character must be zero, or two strings would decode the same.
    if (index != totalBytes || (buffer & ((1 << bits) - 1)) != 0) {
      return null;
    }
    return out;
  }
}
