package io.influmeter.api.content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Decides a file's type from its first bytes only: the file name and the declared Content-Type are
 * chosen by the client and would let HTML or SVG in under an image's name. Anything that is not one
 * of the {@link MediaType}s (HTML, SVG, PDF, scripts, ...) has no match.
 */
public final class MediaSniffer {
  /** Bytes of the head the signatures need. */
  public static final int HEAD_BYTES = 16;

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** ISO base media major brands of MP4 files (ISO/IEC 14496-12 and -14, 3GPP-free subset). */
  private static final Set<String> MP4_BRANDS =
      Set.of(
          "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "dash",
          "mmp4", "MSNV");

  /** Top-level atoms an old QuickTime file (without ftyp) starts with. */
  private static final Set<String> QUICKTIME_ATOMS = Set.of("moov", "mdat", "wide", "free");

  private MediaSniffer() {}

  public static Optional<MediaType> detect(byte[] head) {
    if (head.length >= 3
        && (head[0] & 0xff) == 0xff
        && (head[1] & 0xff) == 0xd8
        && (head[2] & 0xff) == 0xff) {
      return Optional.of(MediaType.JPEG);
    }
    if (head.length >= PNG.length && Arrays.equals(head, 0, PNG.length, PNG, 0, PNG.length)) {
      return Optional.of(MediaType.PNG);
    }
    if (head.length >= 12 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WEBP")) {
      return Optional.of(MediaType.WEBP);
    }
    if (head.length >= 12) {
      String box = ascii(head, 4, 4);
      long boxSize =
          ((head[0] & 0xffL) << 24)
              | ((head[1] & 0xff) << 16)
              | ((head[2] & 0xff) << 8)
              | (head[3] & 0xff);
      if (box.equals("ftyp") && boxSize >= 8) {
        String brand = ascii(head, 8, 4);
        if (brand.equals("qt  ")) {
          return Optional.of(MediaType.MOV);
        }
        if (MP4_BRANDS.contains(brand)) {
          return Optional.of(MediaType.MP4);
        }
        return Optional.empty();
      }
      if (QUICKTIME_ATOMS.contains(box) && (boxSize == 0 || boxSize == 1 || boxSize >= 8)) {
        return Optional.of(MediaType.MOV);
      }
    }
    return Optional.empty();
  }

  /** Reads up to {@link #HEAD_BYTES} from the stream (which is left positioned after them). */
  public static byte[] readHead(InputStream in) throws IOException {
    return in.readNBytes(HEAD_BYTES);
  }

  private static String ascii(byte[] bytes, int offset, int length) {
    return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
  }
}
