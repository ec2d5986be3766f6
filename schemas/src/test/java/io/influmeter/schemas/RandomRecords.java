package io.influmeter.schemas;

import io.influmeter.schemas.serde.TrustedEventClasses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** Seeded random instances of any generated record, driven by its schema, for round trips. */
public final class RandomRecords {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789:-_ éü€漢";
  private static final long YEAR_2100_MILLIS = 4_102_444_800_000L;

  private final Random random;

  public RandomRecords(long seed) {
    TrustedEventClasses.install();
    this.random = new Random(seed);
  }

  /** A random instance of a generated class, with every nullable field sometimes null. */
  @SuppressWarnings("unchecked")
  public <T extends SpecificRecord> T next(Class<T> type) {
    return (T) value(SpecificData.get().getSchema(type));
  }

  private Object value(Schema schema) {
    LogicalType logicalType = schema.getLogicalType();
    switch (schema.getType()) {
      case RECORD:
        SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
          record.put(field.pos(), value(field.schema()));
        }
        return record;
      case ENUM:
        List<String> symbols = schema.getEnumSymbols();
        return SpecificData.get().createEnum(symbols.get(random.nextInt(symbols.size())), schema);
      case ARRAY:
        List<Object> items = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          items.add(value(schema.getElementType()));
        }
        return items;
      case MAP:
        Map<String, Object> entries = new HashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          entries.put(string(), value(schema.getValueType()));
        }
        return entries;
      case UNION:
        List<Schema> branches = schema.getTypes();
        return value(branches.get(random.nextInt(branches.size())));
      case NULL:
        return null;
      case STRING:
        return string();
      case LONG:
        if (logicalType instanceof LogicalTypes.TimestampMillis) {
          return Instant.ofEpochMilli(Math.floorMod(random.nextLong(), YEAR_2100_MILLIS));
        }
        return random.nextLong();
      case INT:
        return random.nextInt();
      case BOOLEAN:
        return random.nextBoolean();
      case DOUBLE:
        return random.nextDouble();
      default:
        throw new IllegalArgumentException("no generator for " + schema.getType());
    }
  }

  private String string() {
    StringBuilder value = new StringBuilder();
    for (int i = 1 + random.nextInt(12); i > 0; i--) {
      value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return value.toString();
  }
}
