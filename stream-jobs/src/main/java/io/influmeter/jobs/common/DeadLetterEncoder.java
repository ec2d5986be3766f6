package io.influmeter.jobs.common;

import io.influmeter.schemas.serde.AvroSerde;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Turns a record that business logic rejects (late, out of policy, orphaned) into a {@link
 * DeadLetter} holding its wire-format bytes, so the dead-letter topic keeps it readable by every
 * tool. Serializable; the serde is built lazily in the task.
 *
 * @param <T> generated Avro class
 */
public final class DeadLetterEncoder<T extends SpecificRecordBase> implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String sourceTopic;
  private final Class<T> type;
  private final SchemaRegistrySpec registry;
  private transient AvroSerde<T> serde;

  public DeadLetterEncoder(String sourceTopic, Class<T> type, SchemaRegistrySpec registry) {
    this.sourceTopic = Objects.requireNonNull(sourceTopic, "sourceTopic");
    this.type = Objects.requireNonNull(type, "type");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** The topic the rejected records came from. */
  public String sourceTopic() {
    return sourceTopic;
  }

  /** A rule-based rejection of {@code record} with key {@code key}. */
  public DeadLetter reject(T record, String key, String stage, String reason, Instant at) {
    if (serde == null) {
      serde = new AvroSerde<>(type, registry.create());
    }
    return DeadLetter.ofRejection(
        sourceTopic, key, serde.encode(sourceTopic, record), stage, reason, at);
  }
}
