package io.influmeter.jobs.common;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * The settings every Kafka-to-Kafka job shares. Serializable (only strings and numbers) because
 * sources and sinks built from it travel with the job graph.
 *
 * <p>Environment variables, {@code P} being the job's prefix (e.g. {@code ATTRIBUTION_}):
 *
 * <table>
 *   <caption>settings</caption>
 *   <tr><th>variable</th><th>default</th><th>what</th></tr>
 *   <tr><td>KAFKA_BOOTSTRAP_SERVERS</td><td>required</td><td>Kafka to read and write</td></tr>
 *   <tr><td>SCHEMA_REGISTRY_URL</td><td>unset = built-in ids</td><td>Confluent-compatible registry</td></tr>
 *   <tr><td>P + GROUP_ID</td><td>the job's name</td><td>consumer group (offsets, lag)</td></tr>
 *   <tr><td>P + PARALLELISM</td><td>2</td><td>operator parallelism</td></tr>
 *   <tr><td>P + MAX_PARALLELISM</td><td>128</td><td>key groups; fixed for the life of the state</td></tr>
 *   <tr><td>P + CHECKPOINT_INTERVAL</td><td>10s</td><td>also the exactly-once commit latency</td></tr>
 *   <tr><td>P + DELIVERY</td><td>EXACTLY_ONCE</td><td>EXACTLY_ONCE or AT_LEAST_ONCE sinks</td></tr>
 *   <tr><td>P + TRANSACTIONAL_ID_PREFIX</td><td>the group id</td><td>unique per job and cluster</td></tr>
 *   <tr><td>P + MAX_OUT_OF_ORDERNESS</td><td>5s</td><td>watermark delay behind the newest event</td></tr>
 *   <tr><td>P + IDLE_TIMEOUT</td><td>30s</td><td>a partition silent this long stops holding the watermark</td></tr>
 *   <tr><td>P + STOP_AT_LATEST</td><td>false</td><td>bounded run: stop at the offsets latest at start</td></tr>
 * </table>
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl Confluent-compatible registry URL, or null for the built-in registry
 * @param groupId consumer group of the job's sources
 * @param parallelism operator parallelism
 * @param maxParallelism max parallelism (number of key groups)
 * @param checkpointInterval checkpoint interval
 * @param deliveryGuarantee sink guarantee
 * @param transactionalIdPrefix prefix of the sinks' transactional ids (one suffix per sink)
 * @param maxOutOfOrderness watermark delay
 * @param idleTimeout partition idleness timeout
 * @param stopAtLatest true to stop each source at the offsets that were latest when it started
 */
public record KafkaJobSettings(
    String bootstrapServers,
    String schemaRegistryUrl,
    String groupId,
    int parallelism,
    int maxParallelism,
    Duration checkpointInterval,
    DeliveryGuarantee deliveryGuarantee,
    String transactionalIdPrefix,
    Duration maxOutOfOrderness,
    Duration idleTimeout,
    boolean stopAtLatest)
    implements Serializable {

  public static final int DEFAULT_PARALLELISM = 2;
  public static final int DEFAULT_MAX_PARALLELISM = 128;
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(5);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

  public KafkaJobSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    Objects.requireNonNull(deliveryGuarantee, "deliveryGuarantee");
    Objects.requireNonNull(transactionalIdPrefix, "transactionalIdPrefix");
    Objects.requireNonNull(maxOutOfOrderness, "maxOutOfOrderness");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (parallelism < 1 || maxParallelism < parallelism) {
      throw new IllegalArgumentException(
          "need 1 <= parallelism <= maxParallelism: " + parallelism + ", " + maxParallelism);
    }
  }

  /** Defaults for a broker and group (local stack, tests); change fields with the withers. */
  public static KafkaJobSettings defaults(String bootstrapServers, String groupId) {
    return new KafkaJobSettings(
        bootstrapServers,
        null,
        groupId,
        DEFAULT_PARALLELISM,
        DEFAULT_MAX_PARALLELISM,
        DEFAULT_CHECKPOINT_INTERVAL,
        DeliveryGuarantee.EXACTLY_ONCE,
        groupId,
        DEFAULT_MAX_OUT_OF_ORDERNESS,
        DEFAULT_IDLE_TIMEOUT,
        false);
  }

  /**
   * Reads the settings; problems are recorded in {@code env} (call {@link
   * EnvironmentConfig#validate} after reading the job's own keys too).
   *
   * @param prefix the job's variable prefix, e.g. {@code ATTRIBUTION_}
   * @param defaultGroupId group id when {@code P + GROUP_ID} is unset
   */
  public static KafkaJobSettings fromEnvironment(
      EnvironmentConfig env, String prefix, String defaultGroupId) {
    String bootstrap = env.required("KAFKA_BOOTSTRAP_SERVERS");
    String registry = env.optional("SCHEMA_REGISTRY_URL").orElse(null);
    String group = env.string(prefix + "GROUP_ID", defaultGroupId);
    int parallelism = env.positiveInt(prefix + "PARALLELISM", DEFAULT_PARALLELISM);
    int maxParallelism = env.positiveInt(prefix + "MAX_PARALLELISM", DEFAULT_MAX_PARALLELISM);
    if (maxParallelism < parallelism) {
      env.problem(prefix + "MAX_PARALLELISM", "must be at least " + prefix + "PARALLELISM");
      maxParallelism = parallelism;
    }
    Duration checkpoint = env.duration(prefix + "CHECKPOINT_INTERVAL", DEFAULT_CHECKPOINT_INTERVAL);
    DeliveryGuarantee delivery =
        env.enumValue(prefix + "DELIVERY", DeliveryGuarantee.class, DeliveryGuarantee.EXACTLY_ONCE);
    if (delivery == DeliveryGuarantee.NONE) {
      env.problem(prefix + "DELIVERY", "must be EXACTLY_ONCE or AT_LEAST_ONCE");
    }
    String transactionalIdPrefix = env.string(prefix + "TRANSACTIONAL_ID_PREFIX", group);
    Duration outOfOrderness =
        env.duration(prefix + "MAX_OUT_OF_ORDERNESS", DEFAULT_MAX_OUT_OF_ORDERNESS);
    Duration idle = env.duration(prefix + "IDLE_TIMEOUT", DEFAULT_IDLE_TIMEOUT);
    boolean stopAtLatest = env.bool(prefix + "STOP_AT_LATEST", false);
    return new KafkaJobSettings(
        bootstrap == null ? "" : bootstrap,
        registry,
        group,
        parallelism,
        maxParallelism,
        checkpoint,
        delivery,
        transactionalIdPrefix,
        outOfOrderness,
        idle,
        stopAtLatest);
  }

  /** The registry the job's serdes use (built in every task's {@code open}). */
  public SchemaRegistrySpec registry() {
    return new SchemaRegistrySpec(schemaRegistryUrl);
  }

  public KafkaJobSettings withSchemaRegistryUrl(String url) {
    return new KafkaJobSettings(
        bootstrapServers,
        url,
        groupId,
        parallelism,
        maxParallelism,
        checkpointInterval,
        deliveryGuarantee,
        transactionalIdPrefix,
        maxOutOfOrderness,
        idleTimeout,
        stopAtLatest);
  }

  public KafkaJobSettings withParallelism(int newParallelism) {
    return new KafkaJobSettings(
        bootstrapServers,
        schemaRegistryUrl,
        groupId,
        newParallelism,
        maxParallelism,
        checkpointInterval,
        deliveryGuarantee,
        transactionalIdPrefix,
        maxOutOfOrderness,
        idleTimeout,
        stopAtLatest);
  }

  public KafkaJobSettings withCheckpointInterval(Duration interval) {
    return new KafkaJobSettings(
        bootstrapServers,
        schemaRegistryUrl,
        groupId,
        parallelism,
        maxParallelism,
        interval,
        deliveryGuarantee,
        transactionalIdPrefix,
        maxOutOfOrderness,
        idleTimeout,
        stopAtLatest);
  }

  public KafkaJobSettings withDeliveryGuarantee(DeliveryGuarantee guarantee) {
    return new KafkaJobSettings(
        bootstrapServers,
        schemaRegistryUrl,
        groupId,
        parallelism,
        maxParallelism,
        checkpointInterval,
        guarantee,
        transactionalIdPrefix,
        maxOutOfOrderness,
        idleTimeout,
        stopAtLatest);
  }

  public KafkaJobSettings withIdleTimeout(Duration timeout) {
    return new KafkaJobSettings(
        bootstrapServers,
        schemaRegistryUrl,
        groupId,
        parallelism,
        maxParallelism,
        checkpointInterval,
        deliveryGuarantee,
        transactionalIdPrefix,
        maxOutOfOrderness,
        timeout,
        stopAtLatest);
  }

  public KafkaJobSettings withStopAtLatest(boolean stop) {
    return new KafkaJobSettings(
        bootstrapServers,
        schemaRegistryUrl,
        groupId,
        parallelism,
        maxParallelism,
        checkpointInterval,
        deliveryGuarantee,
        transactionalIdPrefix,
        maxOutOfOrderness,
        idleTimeout,
        stop);
  }
}
