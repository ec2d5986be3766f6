package io.influmeter.schemas;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic as a contract: its name, what its (UTF-8 string) key is, the Avro class of its
 * values and the configs it is created with.
 *
 * @param name topic name
 * @param keyDescription what the UTF-8 string key holds, e.g. "link id"
 * @param valueClass generated Avro class of the values; null for dead-letter topics, whose values
 *     are the original raw bytes
 * @param partitions partitions to create the topic with
 * @param cleanupPolicy delete (event streams) or compact (current-state tables)
 * @param retentionMs retention in milliseconds; -1 keeps records forever (compacted topics)
 * @param <V> value type
 */
public record TopicSpec<V extends SpecificRecord>(
    String name,
    String keyDescription,
    Class<V> valueClass,
    int partitions,
    CleanupPolicy cleanupPolicy,
    long retentionMs) {

  /** Suffix of the dead-letter topic of every topic. */
  public static final String DEAD_LETTER_SUFFIX = ".dlq";

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyDescription, "keyDescription");
    Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
    }
  }

  /** True for dead-letter topics, whose values are raw bytes rather than Avro records. */
  public boolean isDeadLetter() {
    return valueClass == null;
  }

  /** Name of this topic's dead-letter topic. */
  public String deadLetterName() {
    return isDeadLetter() ? name : name + DEAD_LETTER_SUFFIX;
  }

  /** Schema registry subject of the values (TopicNameStrategy: {@code <topic>-value}). */
  public String valueSubject() {
    return name + "-value";
  }

  /** The Avro schema of the values. */
  public Schema valueSchema() {
    if (isDeadLetter()) {
      throw new IllegalStateException("dead-letter topic " + name + " holds raw bytes, no schema");
    }
    return SpecificData.get().getSchema(valueClass);
  }

  /** Topic-level configs to create the topic with (cleanup policy and retention). */
  public Map<String, String> configs() {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put("cleanup.policy", cleanupPolicy.configValue());
    configs.put("retention.ms", Long.toString(retentionMs));
    if (cleanupPolicy == CleanupPolicy.COMPACT) {
      // Tombstones (deleted links) must stay long enough for every consumer to see them.
      configs.put("delete.retention.ms", Long.toString(Topics.ONE_DAY_MS));
    }
    return Map.copyOf(configs);
  }
}
