package io.influmeter.schemas.serde;

/**
 * The Confluent wire format: magic byte 0, the writer schema's id as a 4-byte big-endian int, then
 * the Avro binary body. Tools that speak Confluent's format (kcat -s avro, kafka-avro-console-
 * consumer, Connect converters) can read our topics when pointed at a registry serving the ids.
 */
public final class WireFormat {

  /** First byte of every record. */
  public static final byte MAGIC_BYTE = 0;

  /** Magic byte plus schema id. */
  public static final int HEADER_LENGTH = 5;

  private WireFormat() {}

  /** Writes the 5-byte header into the start of {@code target}. */
  static void writeHeader(byte[] target, int schemaId) {
    target[0] = MAGIC_BYTE;
    target[1] = (byte) (schemaId >>> 24);
    target[2] = (byte) (schemaId >>> 16);
    target[3] = (byte) (schemaId >>> 8);
    target[4] = (byte) schemaId;
  }

  /** Reads the schema id of a record whose header has been checked to be present. */
  static int readSchemaId(byte[] bytes) {
    return ((bytes[1] & 0xff) << 24)
        | ((bytes[2] & 0xff) << 16)
        | ((bytes[3] & 0xff) << 8)
        | (bytes[4] & 0xff);
  }

  /** Frames an Avro body with the header. */
  public static byte[] frame(int schemaId, byte[] avroBody) {
    byte[] framed = new byte[HEADER_LENGTH + avroBody.length];
    writeHeader(framed, schemaId);
    System.arraycopy(avroBody, 0, framed, HEADER_LENGTH, avroBody.length);
    return framed;
  }

  /** The schema id of a framed record, or an exception if the header is missing or wrong. */
  public static int schemaIdOf(byte[] bytes) {
    if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != MAGIC_BYTE) {
      throw new IllegalArgumentException("not a Confluent wire-format record");
    }
    return readSchemaId(bytes);
  }
}
