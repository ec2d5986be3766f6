package io.influmeter.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * What the serdes and tools need from a schema registry, in Confluent's terms: subjects hold
 * numbered versions; every distinct schema has a global id that the wire format carries.
 * Implementations are thread-safe.
 */
public interface SchemaRegistry {

  /**
   * Registers a schema under a subject and returns its id. Idempotent: registering the same schema
   * again returns the same id without adding a version.
   *
   * @throws SchemaRegistryException when the schema is incompatible or the registry fails
   */
  int register(String subject, Schema schema);

  /**
   * The schema with this id.
   *
   * @throws SchemaRegistryException with error code 40403 when no schema has this id
   */
  Schema byId(int id);

  /** Whether {@code schema} can read data written with every version registered under subject. */
  boolean isCompatible(String subject, Schema schema);

  /** Every subject, sorted (immutable). */
  List<String> subjects();

  /**
   * The version numbers of a subject, ascending (immutable).
   *
   * @throws SchemaRegistryException with error code 40401 when the subject is unknown
   */
  List<Integer> versions(String subject);

  /**
   * One version of a subject.
   *
   * @throws SchemaRegistryException with error code 40401 or 40402 when unknown
   */
  RegisteredSchema version(String subject, int version);

  /** The latest version of a subject. */
  RegisteredSchema latest(String subject);
}
