package io.influmeter.api.content;

import io.influmeter.api.http.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Checks an uploaded file before anything is stored: type from the magic bytes, the type's size
 * cap, and an image's dimensions from its header. The bytes are copied to a temporary file while
 * counting and hashing, so a file is never held in memory and a body that lies about its size still
 * stops at the cap.
 */
public final class UploadInspector {
  private final ContentConfig config;

  public UploadInspector(ContentConfig config) {
    this.config = config;
    try {
      Files.createDirectories(config.uploadTempDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + config.uploadTempDir(), e);
    }
  }

  /** A checked file in a temporary location; {@link #close()} deletes it. */
  public record Inspected(
      Path file,
      MediaType type,
      long size,
      String sha256,
      Integer width,
      Integer height,
      String originalName)
      implements AutoCloseable {
    @Override
    public void close() {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public Inspected inspect(InputStream in, long declaredSize, String filename) throws IOException {
    byte[] head = MediaSniffer.readHead(in);
    MediaType type =
        MediaSniffer.detect(head)
            .orElseThrow(
                () ->
                    new ApiException(
                        415,
                        "unsupported-media-type",
                        "Unsupported media type",
                        "Only JPEG, PNG and WebP images and MP4 and MOV videos are accepted; the"
                            + " type is read from the file's contents, not its name.",
                        List.of(),
                        Map.of()));
    long cap = type.image() ? config.maxImageBytes() : config.maxVideoBytes();
    if (declaredSize > cap) {
      throw tooLarge(type, cap);
    }
    Path temp = Files.createTempFile(config.uploadTempDir(), "upload-", ".tmp");
    try {
      long size;
      String sha256;
      try (OutputStream raw = Files.newOutputStream(temp);
          var digest = new DigestOutputStream(raw, MessageDigest.getInstance("SHA-256"))) {
        digest.write(head);
        size = head.length + copyAtMost(in, digest, cap - head.length + 1);
        sha256 = HexFormat.of().formatHex(digest.getMessageDigest().digest());
      }
      if (size > cap) {
        throw tooLarge(type, cap);
      }
      Integer width = null;
      Integer height = null;
      if (type.image()) {
        var dimensions =
            ImageDimensions.read(type, temp)
                .orElseThrow(
                    () ->
                        new ApiException(
                            422,
                            "unreadable-image",
                            "Unreadable image",
                            "The image's header does not give its width and height.",
                            List.of(),
                            Map.of()));
        int max = config.maxImageDimension();
        if (dimensions.width() > max || dimensions.height() > max) {
          throw new ApiException(
              413,
              "image-too-large",
              "Image too large",
              "Images may be at most "
                  + max
                  + " x "
                  + max
                  + " pixels; this one is "
                  + dimensions.width()
                  + " x "
                  + dimensions.height()
                  + ".",
              List.of(),
              Map.of());
        }
        width = dimensions.width();
        height = dimensions.height();
      }
      return new Inspected(temp, type, size, sha256, width, height, sanitise(filename));
    } catch (GeneralSecurityException e) {
      Files.deleteIfExists(temp);
      throw new IllegalStateException("SHA-256 is unavailable", e);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /**
   * The client's file name as harmless metadata: its last path segment, NFC, without control
   * characters, quotes or separators, at most 255 characters. It is never used to build a path.
   */
  public static String sanitise(String filename) {
    if (filename == null) {
      return null;
    }
    String name = Normalizer.normalize(filename, Normalizer.Form.NFC);
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = name.replaceAll("[\\p{Cntrl}\"'<>:*?|;%]", "_").strip();
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      return null;
    }
    return name.length() > 255 ? name.substring(0, 255) : name;
  }

  private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    while (total < limit) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
      if (read < 0) {
        break;
      }
      out.write(buffer, 0, read);
      total += read;
    }
    return total;
  }

  private static ApiException tooLarge(MediaType type, long cap) {
    return new ApiException(
        413,
        "payload-too-large",
        "Payload too large",
        (type.image() ? "Images" : "Videos") + " may be at most " + cap + " bytes.",
        List.of(),
        Map.of());
  }
}
