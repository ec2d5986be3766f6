package io.influmeter.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The committed versions of each record's schema, on the classpath as {@code
 * schema-history/<RecordName>/v<N>.avsc} (v1 oldest). They let a fresh process decode records
 * written by older builds, and the compatibility test keeps them honest.
 */
public final class SchemaHistory {

  /** Classpath folder of the history. */
  public static final String ROOT = "schema-history";

  private SchemaHistory() {}

  /** Classpath path of one committed version. */
  public static String resourcePath(String recordName, int version) {
    return ROOT + "/" + recordName + "/v" + version + ".avsc";
  }

  /**
   * The committed versions of a record, oldest first (immutable; empty when none is committed).
   * Versions are read from v1 upwards until the first missing number.
   */
  public static List<Schema> versionsOf(String recordName, ClassLoader classLoader) {
    List<Schema> versions = new ArrayList<>();
    for (int version = 1; ; version++) {
      String path = resourcePath(recordName, version);
      try (InputStream in = classLoader.getResourceAsStream(path)) {
        if (in == null) {
          return List.copyOf(versions);
        }
        // A fresh parser per file: each committed version is a self-contained schema.
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path, e);
      }
    }
  }

  /** The committed versions of a record, from this library's class loader. */
  public static List<Schema> versionsOf(String recordName) {
    return versionsOf(recordName, SchemaHistory.class.getClassLoader());
  }
}
