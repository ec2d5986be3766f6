package io.influmeter.connectors;

import io.apicurio.registry.serde.avro.NonRecordContainer;
import io.apicurio.registry.utils.converter.avro.AvroData;
import io.apicurio.registry.utils.converter.avro.AvroDataConfig;
import io.influmeter.schemas.registry.SchemaRegistries;
import io.influmeter.schemas.registry.SchemaRegistry;
import io.influmeter.schemas.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * A Kafka Connect converter for Avro in the Confluent wire format (magic byte, 4-byte schema id,
 * Avro binary), over the project's schema registries: a Confluent-compatible registry when {@code
 * schema.registry.url} is set, the built-in deterministic-id registry otherwise. Confluent's own
 * AvroConverter is not available here; Apicurio's {@link AvroData} does the Connect <-> Avro
 * mapping.
 *
 * <p>Config: {@code schema.registry.url} (optional), {@code schema.registry.basic.auth.user.info}
 * (optional). Subjects follow TopicNameStrategy: {@code <topic>-key} / {@code <topic>-value}. Bytes
 * that cannot be decoded raise {@link DataException}, which the worker's error handling routes to
 * the connector's dead-letter topic ({@code errors.tolerance=all}).
 */
public final class WireFormatAvroConverter implements Converter {

  public static final String REGISTRY_URL = "schema.registry.url";
  public static final String REGISTRY_USER_INFO = "schema.registry.basic.auth.user.info";
  private static final int SCHEMA_CACHE_SIZE = 1_000;

  private SchemaRegistry registry;
  private AvroData avroData;
  private String suffix;

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Object url = configs.get(REGISTRY_URL);
    Object userInfo = configs.get(REGISTRY_USER_INFO);
    configure(
        SchemaRegistries.fromUrl(
            url == null || url.toString().isBlank() ? null : url.toString(),
            userInfo == null ? null : userInfo.toString()),
        isKey);
  }

  /** Configures with a given registry (the local stack shares its own; tests pass one in). */
  public void configure(SchemaRegistry schemaRegistry, boolean isKey) {
    this.registry = schemaRegistry;
    this.suffix = isKey ? "-key" : "-value";
    Map<String, Object> avroConfig = new HashMap<>();
    avroConfig.put(AvroDataConfig.SCHEMAS_CACHE_SIZE_CONFIG, SCHEMA_CACHE_SIZE);
    // Keep Connect's semantic type names (Debezium's time, uuid, json ...) so sinks map columns
    // right.
    avroConfig.put(AvroDataConfig.CONNECT_META_DATA_CONFIG, true);
    this.avroData = new AvroData(new AvroDataConfig(avroConfig));
  }

  @Override
  public byte[] fromConnectData(
      String topic, org.apache.kafka.connect.data.Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    Schema avroSchema = avroData.fromConnectSchema(schema);
    int id = registry.register(topic + suffix, avroSchema);
    Object avroValue = avroData.fromConnectData(schema, value);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      new GenericDatumWriter<Object>(avroSchema).write(unwrap(avroValue), encoder);
      encoder.flush();
      return WireFormat.frame(id, out.toByteArray());
    } catch (IOException | RuntimeException e) {
      throw new DataException("cannot encode a record of topic " + topic + " as Avro", e);
    }
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) {
      return SchemaAndValue.NULL;
    }
    if (value.length < WireFormat.HEADER_LENGTH || value[0] != WireFormat.MAGIC_BYTE) {
      throw new DataException(
          "record of topic " + topic + " is not in the Confluent wire format (bad magic byte)");
    }
    int id = WireFormat.schemaIdOf(value);
    Schema writer;
    try {
      writer = registry.byId(id);
    } catch (RuntimeException e) {
      throw new DataException("record of topic " + topic + " has unknown schema id " + id, e);
    }
    try {
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  value, WireFormat.HEADER_LENGTH, value.length - WireFormat.HEADER_LENGTH, null);
      Object record = new GenericDatumReader<>(writer).read(null, decoder);
      return avroData.toConnectData(writer, record);
    } catch (IOException | RuntimeException e) {
      throw new DataException(
          "record of topic " + topic + " does not decode with schema id " + id, e);
    }
  }

  /**
   * AvroData wraps non-record values (keys, primitives) in a holder; the writer wants the value.
   */
  private static Object unwrap(Object avroValue) {
    if (avroValue instanceof NonRecordContainer<?> holder) {
      return holder.getValue();
    }
    return avroValue;
  }

  @Override
  public ConfigDef config() {
    return new ConfigDef()
        .define(
            REGISTRY_URL,
            ConfigDef.Type.STRING,
            null,
            ConfigDef.Importance.MEDIUM,
            "Confluent-compatible schema registry; unset = built-in deterministic ids")
        .define(
            REGISTRY_USER_INFO,
            ConfigDef.Type.PASSWORD,
            null,
            ConfigDef.Importance.LOW,
            "user:password for the registry's basic auth");
  }
}
