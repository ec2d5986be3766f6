package io.influmeter.ingest.spool;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The on-disk frame of one spooled record: {@code [int length][int crc32c][payload]}, payload =
 * {@code [byte version][topic][key or -1][value][header count][headers]} with int-length-prefixed
 * byte strings. The CRC covers the payload, so a torn or corrupted tail is detected on replay.
 */
final class SpoolCodec {

  static final int FRAME_HEADER_BYTES = 8;
  static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
  private static final byte VERSION = 1;

  private SpoolCodec() {}

  static byte[] encodeFrame(OutboundRecord record) {
    byte[] topic = record.topic().getBytes(StandardCharsets.UTF_8);
    byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
    int size = 1 + 4 + topic.length + 4 + (key == null ? 0 : key.length) + 4;
    size += record.value().length + 4;
    List<byte[]> headerNames = new ArrayList<>();
    for (OutboundRecord.Header header : record.headers()) {
      byte[] name = header.name().getBytes(StandardCharsets.UTF_8);
      headerNames.add(name);
      size += 4 + name.length + 4 + header.value().length;
    }
    ByteBuffer payload = ByteBuffer.allocate(FRAME_HEADER_BYTES + size);
    payload.position(FRAME_HEADER_BYTES);
    payload.put(VERSION);
    putBytes(payload, topic);
    putBytes(payload, key);
    putBytes(payload, record.value());
    payload.putInt(record.headers().size());
    for (int i = 0; i < record.headers().size(); i++) {
      putBytes(payload, headerNames.get(i));
      putBytes(payload, record.headers().get(i).value());
    }
    CRC32C crc = new CRC32C();
    crc.update(payload.array(), FRAME_HEADER_BYTES, size);
    payload.putInt(0, size);
    payload.putInt(4, (int) crc.getValue());
    return payload.array();
  }

  /** True when the payload's CRC matches the one in its frame header. */
  static boolean crcMatches(int expectedCrc, byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(payload, 0, payload.length);
    return (int) crc.getValue() == expectedCrc;
  }

  /**
   * Decodes a payload whose CRC already matched.
   *
   * @throws IllegalArgumentException when the payload is not a record of a known version
   */
  static OutboundRecord decodePayload(byte[] payload) {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(payload);
      byte version = buffer.get();
      if (version != VERSION) {
        throw new IllegalArgumentException("unknown spool record version " + version);
      }
      String topic = new String(getBytes(buffer), StandardCharsets.UTF_8);
      byte[] key = getBytes(buffer);
      byte[] value = getBytes(buffer);
      int headerCount = buffer.getInt();
      if (headerCount < 0 || headerCount > 1000) {
        throw new IllegalArgumentException("bad header count " + headerCount);
      }
      List<OutboundRecord.Header> headers = new ArrayList<>(headerCount);
      for (int i = 0; i < headerCount; i++) {
        String name = new String(getBytes(buffer), StandardCharsets.UTF_8);
        headers.add(new OutboundRecord.Header(name, getBytes(buffer)));
      }
      return new OutboundRecord(
          topic, key == null ? null : new String(key, StandardCharsets.UTF_8), value, headers);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("undecodable spool record: " + e, e);
    }
  }

  private static void putBytes(ByteBuffer buffer, byte[] bytes) {
    if (bytes == null) {
      buffer.putInt(-1);
      return;
    }
    buffer.putInt(bytes.length);
    buffer.put(bytes);
  }

  private static byte[] getBytes(ByteBuffer buffer) {
    int length = buffer.getInt();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > buffer.remaining()) {
      throw new IllegalArgumentException("bad length " + length);
    }
    byte[] bytes = new byte[length];
    buffer.get(bytes);
    return bytes;
  }
}
