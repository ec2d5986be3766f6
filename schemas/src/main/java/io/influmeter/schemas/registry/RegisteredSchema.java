package io.influmeter.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject.
 *
 * @param subject subject name, e.g. {@code clicks-value}
 * @param version version number within the subject, from 1
 * @param id global schema id, as carried in the wire format
 * @param schema the schema
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
  public RegisteredSchema {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
  }
}
