package io.influmeter.jobs.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Strings in state and between operators as a varint length and their UTF-8 bytes in one write.
 *
 * <p>Flink's {@code StringSerializer} writes a string character by character ({@code
 * StringValue.writeString}); on the heap backend's full snapshot every character is a call down a
 * chain of checkpoint streams. The attribution job keeps three 68-character click ids per click
 * (state key, map key, timer key), and its snapshot thread spent most of its time there. Here a
 * string costs one call for its bytes. {@code null} is written as length 0 (the length is stored
 * plus one).
 */
public final class CompactStrings {

  private CompactStrings() {}

  public static void write(String value, DataOutputView out) throws IOException {
    if (value == null) {
      out.write(0);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    writeVarint(bytes.length + 1, out);
    out.write(bytes, 0, bytes.length);
  }

  public static String read(DataInputView in) throws IOException {
    int length = readVarint(in) - 1;
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Copies one written string from {@code in} to {@code out} without decoding it. */
  public static void copy(DataInputView in, DataOutputView out) throws IOException {
    int stored = readVarint(in);
    writeVarint(stored, out);
    if (stored > 1) {
      // Through an array: DataOutputSerializer.write(DataInputView, n) does not grow its buffer.
      byte[] bytes = new byte[stored - 1];
      in.readFully(bytes);
      out.write(bytes);
    }
  }

  private static void writeVarint(int value, DataOutputView out) throws IOException {
    int rest = value;
    while ((rest & ~0x7F) != 0) {
      out.write((rest & 0x7F) | 0x80);
      rest >>>= 7;
    }
    out.write(rest);
  }

  private static int readVarint(DataInputView in) throws IOException {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int next = in.readUnsignedByte();
      value |= (next & 0x7F) << shift;
      if ((next & 0x80) == 0) {
        if (value < 0) {
          throw new IOException("string length out of range: " + Integer.toUnsignedString(value));
        }
        return value;
      }
    }
    throw new IOException("malformed string length (varint longer than 5 bytes)");
  }
}
