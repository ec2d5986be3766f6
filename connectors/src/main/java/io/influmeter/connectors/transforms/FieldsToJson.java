package io.influmeter.connectors.transforms;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Replaces the named fields of a record's value (arrays, maps, nested structs) by their JSON text,
 * typed with Debezium's {@code io.debezium.data.Json} semantic name so the JDBC sink binds them to
 * {@code jsonb} columns. A relational sink cannot store a nested array of structs (an order's
 * per-influencer credits) in one row otherwise.
 *
 * <p>Config: {@code fields} (comma-separated names). Records whose value is not a struct, and
 * tombstones, pass unchanged.
 */
public final class FieldsToJson<R extends ConnectRecord<R>> implements Transformation<R> {

  public static final String FIELDS = "fields";

  /** Debezium's semantic type for JSON text; its JDBC sink maps it to json/jsonb. */
  public static final String JSON_SCHEMA_NAME = "io.debezium.data.Json";

  private static final Schema JSON_SCHEMA =
      SchemaBuilder.string().optional().name(JSON_SCHEMA_NAME).version(1).build();

  private Set<String> fields;
  private JsonConverter json;
  private final Map<Schema, Schema> schemas = new ConcurrentHashMap<>();

  @Override
  public void configure(Map<String, ?> configs) {
    Object raw = configs.get(FIELDS);
    if (raw == null || raw.toString().isBlank()) {
      throw new org.apache.kafka.common.config.ConfigException(
          FIELDS, raw, "name at least one field");
    }
    fields = Set.copyOf(List.of(raw.toString().trim().split("\\s*,\\s*")));
    json = new JsonConverter();
    json.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), false);
  }

  @Override
  public R apply(R record) {
    if (!(record.value() instanceof Struct value)) {
      return record;
    }
    Schema original = value.schema();
    Schema updated = schemas.computeIfAbsent(original, this::withJsonFields);
    Struct converted = new Struct(updated);
    for (Field field : original.fields()) {
      Object fieldValue = value.get(field);
      if (fields.contains(field.name())) {
        converted.put(
            field.name(), fieldValue == null ? null : toJson(record.topic(), field, fieldValue));
      } else {
        converted.put(field.name(), fieldValue);
      }
    }
    return record.newRecord(
        record.topic(),
        record.kafkaPartition(),
        record.keySchema(),
        record.key(),
        updated,
        converted,
        record.timestamp(),
        record.headers());
  }

  private Schema withJsonFields(Schema original) {
    SchemaBuilder builder =
        SchemaBuilder.struct().name(original.name()).version(original.version());
    if (original.isOptional()) {
      builder.optional();
    }
    for (Field field : original.fields()) {
      builder.field(field.name(), fields.contains(field.name()) ? JSON_SCHEMA : field.schema());
    }
    return builder.build();
  }

  private String toJson(String topic, Field field, Object value) {
    return new String(json.fromConnectData(topic, field.schema(), value), StandardCharsets.UTF_8);
  }

  @Override
  public ConfigDef config() {
    return new ConfigDef()
        .define(
            FIELDS,
            ConfigDef.Type.LIST,
            ConfigDef.NO_DEFAULT_VALUE,
            ConfigDef.Importance.HIGH,
            "Fields of the value to replace by their JSON text");
  }

  @Override
  public void close() {
    schemas.clear();
  }
}
