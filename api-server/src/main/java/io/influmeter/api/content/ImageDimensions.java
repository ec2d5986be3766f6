package io.influmeter.api.content;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Width and height read from an image's header bytes (PNG IHDR, JPEG SOFn, WebP VP8/VP8L/VP8X),
 * without decoding pixels: a decoder would have to allocate width x height first, which is what a
 * decompression bomb exploits. Empty when the header is malformed.
 */
public final class ImageDimensions {
  private ImageDimensions() {}

  public record Size(int width, int height) {}

  public static Optional<Size> read(MediaType type, Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      var data = new DataInputStream(in);
      return switch (type) {
        case PNG -> png(data);
        case JPEG -> jpeg(data);
        case WEBP -> webp(data);
        case MP4, MOV -> Optional.empty();
      };
    } catch (EOFException e) {
      return Optional.empty();
    }
  }

  private static Optional<Size> png(DataInputStream in) throws IOException {
    in.skipNBytes(8); // signature
    in.readInt(); // IHDR length
    byte[] chunk = in.readNBytes(4);
    if (!new String(chunk, StandardCharsets.ISO_8859_1).equals("IHDR")) {
      return Optional.empty();
    }
    long width = in.readInt() & 0xffffffffL;
    long height = in.readInt() & 0xffffffffL;
    return size(width, height);
  }

  /** Walks the marker segments up to the first start-of-frame (SOF0-15 except DHT/JPG/DAC). */
  private static Optional<Size> jpeg(DataInputStream in) throws IOException {
    in.skipNBytes(2); // SOI
    while (true) {
      int b = in.readUnsignedByte();
      if (b != 0xff) {
        return Optional.empty();
      }
      int marker = in.readUnsignedByte();
      while (marker == 0xff) { // fill bytes
        marker = in.readUnsignedByte();
      }
      if (marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {
        continue; // markers without a length
      }
      if (marker == 0xd9 || marker == 0xda) {
        return Optional.empty(); // end of image or start of scan before any frame header
      }
      int length = in.readUnsignedShort();
      if (length < 2) {
        return Optional.empty();
      }
      boolean startOfFrame =
          marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
      if (startOfFrame) {
        in.readUnsignedByte(); // sample precision
        int height = in.readUnsignedShort();
        int width = in.readUnsignedShort();
        return size(width, height);
      }
      in.skipNBytes(length - 2L);
    }
  }

  private static Optional<Size> webp(DataInputStream in) throws IOException {
    in.skipNBytes(12); // RIFF, size, WEBP
    String chunk = new String(in.readNBytes(4), StandardCharsets.ISO_8859_1);
    in.skipNBytes(4); // chunk size
    switch (chunk) {
      case "VP8 " -> {
        byte[] frame = in.readNBytes(10);
        // 3-byte frame tag, then the key frame start code 9d 01 2a, then 14-bit sizes.
        if (frame.length < 10
            || (frame[3] & 0xff) != 0x9d
            || (frame[4] & 0xff) != 0x01
            || (frame[5] & 0xff) != 0x2a) {
          return Optional.empty();
        }
        int width = ((frame[6] & 0xff) | (frame[7] & 0xff) << 8) & 0x3fff;
        int height = ((frame[8] & 0xff) | (frame[9] & 0xff) << 8) & 0x3fff;
        return size(width, height);
      }
      case "VP8L" -> {
        byte[] header = in.readNBytes(5);
        if (header.length < 5 || (header[0] & 0xff) != 0x2f) {
          return Optional.empty();
        }
        long bits =
            (header[1] & 0xffL)
                | (header[2] & 0xffL) << 8
                | (header[3] & 0xffL) << 16
                | (header[4] & 0xffL) << 24;
        return size((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
      }
      case "VP8X" -> {
        byte[] header = in.readNBytes(10);
        if (header.length < 10) {
          return Optional.empty();
        }
        long width = ((header[4] & 0xff) | (header[5] & 0xff) << 8 | (header[6] & 0xff) << 16) + 1L;
        long height =
            ((header[7] & 0xff) | (header[8] & 0xff) << 8 | (header[9] & 0xff) << 16) + 1L;
        return size(width, height);
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private static Optional<Size> size(long width, long height) {
    if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    return Optional.of(new Size((int) width, (int) height));
  }
}
