package io.influmeter.api.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.support.Media;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Type detection and header dimensions on edge cases the HTTP tests do not reach. */
class MediaSnifferTest {
  @TempDir Path dir;

  @Test
  void other_formats_that_start_like_accepted_ones_are_not_recognised() {
    assertThat(MediaSniffer.detect(ascii("%PDF-1.7 ..........."))).isEmpty();
    assertThat(MediaSniffer.detect(ascii("GIF89a.............."))).isEmpty();
    assertThat(MediaSniffer.detect(ascii("RIFF\0\0\0\0AVI LIST...."))).isEmpty();
    assertThat(MediaSniffer.detect(ascii("\0\0\0\u0018ftypheic\0\0\0\0"))).isEmpty();
    assertThat(MediaSniffer.detect(ascii("<?xml version=\"1.0\"?><svg"))).isEmpty();
    assertThat(MediaSniffer.detect(new byte[] {(byte) 0xff, (byte) 0xd8})).isEmpty();
    assertThat(MediaSniffer.detect(new byte[0])).isEmpty();
  }

  @Test
  void a_jpeg_with_exif_and_fill_bytes_before_its_frame_header_gives_its_size() throws IOException {
    var out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd8});
    byte[] exif = new byte[3000];
    out.writeBytes(
        new byte[] {
          (byte) 0xff, (byte) 0xe1, (byte) ((exif.length + 2) >> 8), (byte) (exif.length + 2)
        });
    out.writeBytes(exif);
    out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xff}); // fill byte before the marker
    out.writeBytes(new byte[] {(byte) 0xc2, 0, 11, 8, 0x03, 0x20, 0x04, 0x00, 1, 1, 0x11, 0});

    assertThat(ImageDimensions.read(MediaType.JPEG, write(out.toByteArray())))
        .contains(new ImageDimensions.Size(1024, 800));
  }

  @Test
  void truncated_or_malformed_headers_give_no_size() throws IOException {
    byte[] png = Media.png(10, 10);
    assertThat(ImageDimensions.read(MediaType.PNG, write(Arrays.copyOf(png, 18)))).isEmpty();
    byte[] notIhdr = png.clone();
    notIhdr[12] = 'X';
    assertThat(ImageDimensions.read(MediaType.PNG, write(notIhdr))).isEmpty();
    assertThat(ImageDimensions.read(MediaType.PNG, write(Media.png(0, 10)))).isEmpty();
    byte[] jpegWithoutFrame = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9};
    assertThat(ImageDimensions.read(MediaType.JPEG, write(jpegWithoutFrame))).isEmpty();
    byte[] badVp8 = Media.webpLossy(10, 10);
    badVp8[23] = 0;
    assertThat(ImageDimensions.read(MediaType.WEBP, write(badVp8))).isEmpty();
  }

  @Test
  void client_file_names_are_reduced_to_a_harmless_last_segment() {
    assertThat(UploadInspector.sanitise("../../etc/passwd")).isEqualTo("passwd");
    assertThat(UploadInspector.sanitise("C:\\Users\\me\\photo.png")).isEqualTo("photo.png");
    assertThat(UploadInspector.sanitise("a\"b<c>\r\n.png")).isEqualTo("a_b_c___.png");
    assertThat(UploadInspector.sanitise("..")).isNull();
    assertThat(UploadInspector.sanitise("dir/")).isNull();
  }

  private Path write(byte[] bytes) throws IOException {
    Path file = Files.createTempFile(dir, "media", ".bin");
    Files.write(file, bytes);
    return file;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
