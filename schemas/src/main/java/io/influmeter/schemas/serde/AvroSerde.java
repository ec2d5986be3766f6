package io.influmeter.schemas.serde;

import io.influmeter.schemas.registry.SchemaRegistry;
import io.influmeter.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Encodes and decodes one generated Avro class in the Confluent wire format, with the subject
 * {@code <topic>-value}. Writes always use the class's own schema (registered once per topic and
 * cached); reads resolve the writer schema named by the record's id against the class's schema, so
 * a newer build reads bytes written by an older one. Thread-safe: one instance serves every thread.
 * A null value is a null payload both ways (tombstones on compacted topics).
 *
 * @param <T> generated Avro class
 */
public final class AvroSerde<T extends SpecificRecord>
    implements Serde<T>, Serializer<T>, Deserializer<T> {

  private final Class<T> type;
  private final Schema readerSchema;
  private final SchemaRegistry registry;
  private final SpecificData model;
  private final SpecificDatumWriter<T> writer;
  private final ConcurrentMap<String, Integer> writerIdByTopic = new ConcurrentHashMap<>();
  private final ConcurrentMap<Integer, DatumReader<T>> readerBySchemaId = new ConcurrentHashMap<>();
  // Encoders, decoders and buffers are not thread-safe but are costly to allocate per record.
  private final ThreadLocal<ByteArrayOutputStream> buffers =
      ThreadLocal.withInitial(() -> new ByteArrayOutputStream(256));
  private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();
  private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

  public AvroSerde(Class<T> type, SchemaRegistry registry) {
    this.type = Objects.requireNonNull(type, "type");
    this.registry = Objects.requireNonNull(registry, "registry");
    TrustedEventClasses.install();
    // The class's own model carries the logical-type conversions (timestamp-millis <-> Instant).
    this.model = SpecificData.getForClass(type);
    this.readerSchema = model.getSchema(type);
    this.writer = new SpecificDatumWriter<>(readerSchema, model);
  }

  /** The generated class this serde reads and writes. */
  public Class<T> type() {
    return type;
  }

  /**
   * Encodes a value for a topic, registering the class's schema under {@code <topic>-value} on
   * first use.
   *
   * @return the wire-format bytes, or null for a null value
   * @throws RecordEncodingException when the schema cannot be registered or the value is invalid
   */
  public byte[] encode(String topic, T value) {
    if (value == null) {
      return null;
    }
    int schemaId = writerSchemaId(topic);
    ByteArrayOutputStream buffer = buffers.get();
    buffer.reset();
    byte[] header = new byte[WireFormat.HEADER_LENGTH];
    WireFormat.writeHeader(header, schemaId);
    buffer.writeBytes(header);
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoders.get());
      encoders.set(encoder);
      writer.write(value, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new RecordEncodingException(topic, "invalid " + type.getSimpleName(), e);
    }
    return buffer.toByteArray();
  }

  /**
   * Decodes wire-format bytes read from a topic.
   *
   * @param partition source partition, or -1 when unknown (only used in error messages)
   * @param offset source offset, or -1 when unknown (only used in error messages)
   * @return the record, or null for a null payload (tombstone)
   * @throws RecordDecodingException for anything that is not a readable record
   */
  public T decode(String topic, int partition, long offset, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length == 0) {
      throw new RecordDecodingException(topic, partition, offset, "empty payload (0 bytes)", null);
    }
    if (bytes[0] != WireFormat.MAGIC_BYTE) {
      throw new RecordDecodingException(
          topic,
          partition,
          offset,
          String.format(
              "unknown magic byte 0x%02x: not Confluent wire format (expected 0x00)", bytes[0]),
          null);
    }
    if (bytes.length < WireFormat.HEADER_LENGTH) {
      throw new RecordDecodingException(
          topic, partition, offset, "truncated header: " + bytes.length + " bytes", null);
    }
    int schemaId = WireFormat.readSchemaId(bytes);
    DatumReader<T> reader = readerFor(topic, partition, offset, schemaId);
    try {
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  bytes,
                  WireFormat.HEADER_LENGTH,
                  bytes.length - WireFormat.HEADER_LENGTH,
                  decoders.get());
      decoders.set(decoder);
      T value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new RecordDecodingException(
            topic,
            partition,
            offset,
            "trailing bytes after a " + type.getSimpleName() + " with schema id " + schemaId,
            null);
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof RecordDecodingException decodingException) {
        throw decodingException;
      }
      throw new RecordDecodingException(
          topic,
          partition,
          offset,
          "truncated or corrupt Avro body, or schema id "
              + schemaId
              + " not readable as "
              + type.getSimpleName(),
          e);
    }
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return encode(topic, data);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    return decode(topic, -1, -1L, data);
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // Configured by its constructor: Kafka's string configs cannot carry a registry instance.
  }

  @Override
  public void close() {
    // Owns nothing: the registry is shared and closed by whoever created it.
  }

  private int writerSchemaId(String topic) {
    Integer cached = writerIdByTopic.get(topic);
    if (cached != null) {
      return cached;
    }
    try {
      int id = registry.register(topic + "-value", readerSchema);
      writerIdByTopic.putIfAbsent(topic, id);
      return id;
    } catch (RuntimeException e) {
      throw new RecordEncodingException(
          topic, "cannot register the schema of " + type.getSimpleName(), e);
    }
  }

  private DatumReader<T> readerFor(String topic, int partition, long offset, int schemaId) {
    DatumReader<T> cached = readerBySchemaId.get(schemaId);
    if (cached != null) {
      return cached;
    }
    Schema writerSchema;
    try {
      writerSchema = registry.byId(schemaId);
    } catch (SchemaRegistryException e) {
      String problem =
          e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND
              ? "unknown schema id " + schemaId
              : "schema registry failed to return schema id " + schemaId;
      throw new RecordDecodingException(topic, partition, offset, problem, e);
    } catch (RuntimeException e) {
      throw new RecordDecodingException(
          topic, partition, offset, "cannot fetch schema id " + schemaId, e);
    }
    // Created outside the map so a slow registry call never blocks other ids' lookups.
    DatumReader<T> reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
    DatumReader<T> raced = readerBySchemaId.putIfAbsent(schemaId, reader);
    return raced == null ? reader : raced;
  }
}
