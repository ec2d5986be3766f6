package io.influmeter.api.support;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Tiny files with valid headers of every accepted type (and some refused ones). */
public final class Media {
  private Media() {}

  public static byte[] png(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    b.putInt(13).put(ascii("IHDR")).putInt(width).putInt(height);
    b.put(new byte[] {8, 6, 0, 0, 0}).putInt(0); // depth, colour type, ..., CRC (not checked)
    b.putInt(0).put(ascii("IEND")).putInt(0);
    return b.array();
  }

  /** SOI, an APP0 segment, then SOF0 with the size. */
  public static byte[] jpeg(int width, int height) {
    var out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd8});
    out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xe0, 0, 16});
    out.writeBytes(ascii("JFIF\0"));
    out.writeBytes(new byte[] {1, 1, 0, 0, 1, 0, 1, 0, 0});
    out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xc0, 0, 11, 8});
    out.writeBytes(new byte[] {(byte) (height >> 8), (byte) height});
    out.writeBytes(new byte[] {(byte) (width >> 8), (byte) width});
    out.writeBytes(new byte[] {1, 1, 0x11, 0});
    out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd9});
    return out.toByteArray();
  }

  /** Lossy WebP: RIFF, "VP8 " chunk with a key frame header. */
  public static byte[] webpLossy(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt(22).put(ascii("WEBP")).put(ascii("VP8 ")).putInt(10);
    b.put(new byte[] {0x10, 0x02, 0x00, (byte) 0x9d, 0x01, 0x2a});
    b.putShort((short) width).putShort((short) height);
    return b.array();
  }

  /** Lossless WebP: "VP8L" with 14-bit width-1 and height-1. */
  public static byte[] webpLossless(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(25).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt(17).put(ascii("WEBP")).put(ascii("VP8L")).putInt(5);
    b.put((byte) 0x2f);
    int bits = (width - 1) | ((height - 1) << 14);
    b.putInt(bits);
    return b.array();
  }

  /** Extended WebP: "VP8X" with 24-bit canvas width-1 and height-1. */
  public static byte[] webpExtended(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt(22).put(ascii("WEBP")).put(ascii("VP8X")).putInt(10);
    b.putInt(0);
    put24(b, width - 1);
    put24(b, height - 1);
    return b.array();
  }

  public static byte[] mp4() {
    ByteBuffer b = ByteBuffer.allocate(32);
    b.putInt(24).put(ascii("ftyp")).put(ascii("isom")).putInt(0x200);
    b.put(ascii("isomiso2")).putInt(8).put(ascii("free"));
    return b.array();
  }

  public static byte[] mov() {
    ByteBuffer b = ByteBuffer.allocate(28);
    b.putInt(20).put(ascii("ftyp")).put(ascii("qt  ")).putInt(0x200).put(ascii("qt  "));
    b.putInt(8).put(ascii("wide"));
    return b.array();
  }

  public static byte[] html() {
    return ascii("<!doctype html><html><script>alert(document.cookie)</script></html>");
  }

  public static byte[] svg() {
    return ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
  }

  /** A valid PNG header followed by {@code size} bytes of padding. */
  public static byte[] pngOfSize(int width, int height, int size) {
    byte[] head = png(width, height);
    byte[] all = new byte[Math.max(size, head.length)];
    System.arraycopy(head, 0, all, 0, head.length);
    return all;
  }

  private static void put24(ByteBuffer b, int value) {
    b.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
