package io.influmeter.schemas.registry;

import io.influmeter.schemas.TopicSpec;
import io.influmeter.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;

/**
 * An in-process registry that needs no server. Ids are deterministic (the first four bytes of the
 * SHA-256 of the schema's parsing canonical form, as a positive int), so producers and consumers in
 * different processes agree on ids without talking to each other. On creation it registers every
 * committed version from {@link SchemaHistory}, oldest first, so records written by older builds
 * still decode after a restart. Registration checks backward compatibility like Confluent's
 * default. Thread-safe.
 */
public final class BuiltInSchemaRegistry implements SchemaRegistry {

  private final Map<Integer, Schema> schemaById = new HashMap<>();
  private final Map<Integer, String> canonicalFormById = new HashMap<>();
  private final Map<String, List<RegisteredSchema>> versionsBySubject = new TreeMap<>();

  /**
   * A registry holding every committed version of every catalog topic's value schema, under the
   * topic's value subject.
   */
  public BuiltInSchemaRegistry() {
    for (TopicSpec<? extends SpecificRecord> topic : Topics.valueTopics()) {
      String recordName = topic.valueClass().getSimpleName();
      for (Schema version : SchemaHistory.versionsOf(recordName)) {
        register(topic.valueSubject(), version);
      }
    }
  }

  private BuiltInSchemaRegistry(boolean unused) {}

  /** A registry with nothing registered (tests, tools). */
  public static BuiltInSchemaRegistry empty() {
    return new BuiltInSchemaRegistry(false);
  }

  /**
   * The deterministic id of a schema: the first four bytes of SHA-256 of its parsing canonical
   * form, masked to a positive int. Docs, defaults and logical types are not part of that form:
   * they do not change the binary encoding, so schemas differing only there share an id.
   */
  public static int idOf(Schema schema) {
    return idOfCanonicalForm(SchemaNormalization.toParsingForm(schema));
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    String canonicalForm = SchemaNormalization.toParsingForm(schema);
    int id = idOfCanonicalForm(canonicalForm);
    String known = canonicalFormById.get(id);
    if (known != null && !known.equals(canonicalForm)) {
      throw new IllegalStateException(
          "Schema id collision: "
              + schema.getFullName()
              + " and an already registered, different schema both hash to id "
              + id
              + "; change the new schema (e.g. a field's doc-independent shape) or use a"
              + " Confluent registry");
    }
    List<RegisteredSchema> versions = versionsBySubject.getOrDefault(subject, List.of());
    for (RegisteredSchema version : versions) {
      if (version.id() == id) {
        return id;
      }
    }
    if (!isCompatible(subject, schema)) {
      throw new SchemaRegistryException(
          409,
          SchemaRegistryException.INCOMPATIBLE_SCHEMA,
          "Schema being registered is incompatible with an earlier schema for subject '"
              + subject
              + "'");
    }
    schemaById.putIfAbsent(id, schema);
    canonicalFormById.putIfAbsent(id, canonicalForm);
    List<RegisteredSchema> updated = new ArrayList<>(versions);
    updated.add(new RegisteredSchema(subject, versions.size() + 1, id, schema));
    versionsBySubject.put(subject, List.copyOf(updated));
    return id;
  }

  @Override
  public synchronized Schema byId(int id) {
    Schema schema = schemaById.get(id);
    if (schema == null) {
      throw SchemaRegistryException.schemaNotFound(id);
    }
    return schema;
  }

  @Override
  public synchronized boolean isCompatible(String subject, Schema schema) {
    for (RegisteredSchema version : versionsBySubject.getOrDefault(subject, List.of())) {
      SchemaCompatibility.SchemaCompatibilityType result =
          SchemaCompatibility.checkReaderWriterCompatibility(schema, version.schema()).getType();
      if (result != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized List<String> subjects() {
    return List.copyOf(versionsBySubject.keySet());
  }

  @Override
  public synchronized List<Integer> versions(String subject) {
    return versionsOf(subject).stream().map(RegisteredSchema::version).toList();
  }

  @Override
  public synchronized RegisteredSchema version(String subject, int version) {
    List<RegisteredSchema> versions = versionsOf(subject);
    if (version < 1 || version > versions.size()) {
      throw SchemaRegistryException.versionNotFound(subject, version);
    }
    return versions.get(version - 1);
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<RegisteredSchema> versions = versionsOf(subject);
    return versions.get(versions.size() - 1);
  }

  private List<RegisteredSchema> versionsOf(String subject) {
    List<RegisteredSchema> versions = versionsBySubject.get(subject);
    if (versions == null) {
      throw SchemaRegistryException.subjectNotFound(subject);
    }
    return versions;
  }

  private static int idOfCanonicalForm(String canonicalForm) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonicalForm.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest, 0, 4).getInt() & Integer.MAX_VALUE;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
