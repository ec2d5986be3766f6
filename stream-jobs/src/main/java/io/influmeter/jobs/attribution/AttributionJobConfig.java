package io.influmeter.jobs.attribution;

import io.influmeter.jobs.common.EnvironmentConfig;
import io.influmeter.jobs.common.KafkaJobSettings;
import io.influmeter.jobs.common.StateBackendKind;
import io.influmeter.schemas.ClickIdKeys;
import io.influmeter.schemas.Topics;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the attribution job needs, parsed once in {@code main} (or built by the local stack).
 *
 * <table>
 *   <caption>environment</caption>
 *   <tr><th>variable</th><th>default</th><th>what</th></tr>
 *   <tr><td>KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, ATTRIBUTION_*</td><td>see
 *       {@link KafkaJobSettings}</td><td>group {@code attribution}</td></tr>
 *   <tr><td>CLICK_ID_SECRETS (or CLICK_ID_SECRET)</td><td>required</td><td>{@code id:base64[,...]},
 *       the keys ingest signs click ids with; never logged</td></tr>
 *   <tr><td>ATTRIBUTION_MAX_LOOKBACK</td><td>90d</td><td>longest campaign lookback: how long clicks are kept</td></tr>
 *   <tr><td>ATTRIBUTION_ORDER_RETENTION</td><td>120d</td><td>how long an order is kept for late refunds</td></tr>
 *   <tr><td>ATTRIBUTION_ADJUSTMENT_TTL</td><td>30d</td><td>how long a refund waits for its order</td></tr>
 *   <tr><td>ATTRIBUTION_MAX_ORDER_HOLD</td><td>30s</td><td>longest wall-clock wait of an order for
 *       the watermark (when every input has gone quiet the watermark stops)</td></tr>
 *   <tr><td>ATTRIBUTION_LEDGER_TOPIC</td><td>unset = not written</td><td>topic of the change ledger</td></tr>
 *   <tr><td>ATTRIBUTION_STATE_BACKEND</td><td>HASHMAP</td><td>HASHMAP (heap, full snapshots) or
 *       ROCKSDB (incremental checkpoints, for state larger than the heap)</td></tr>
 * </table>
 *
 * @param kafka shared Kafka/Flink settings
 * @param clickIdSecrets click id keys in {@link ClickIdKeys#parse} form
 * @param maxLookback how long clicks stay in state (at least every campaign's lookback)
 * @param orderRetention how long orders stay in state after their time
 * @param adjustmentTtl how long an early refund or cancel waits for its order
 * @param maxOrderHold how long (processing time) an order waits at most for the watermark to pass
 *     its time before it is attributed with what has arrived: the watermark stops when every input
 *     is idle, and the last orders before a quiet hour must not wait for the next click
 * @param topics topic names
 * @param stateBackend where keyed state lives ({@link StateBackendKind#ROCKSDB} by default: every
 *     click is kept for the longest lookback, and a heap snapshot of all of it every checkpoint
 *     cost more than the job's logic)
 */
public record AttributionJobConfig(
    KafkaJobSettings kafka,
    String clickIdSecrets,
    Duration maxLookback,
    Duration orderRetention,
    Duration adjustmentTtl,
    Duration maxOrderHold,
    TopicNames topics,
    StateBackendKind stateBackend)
    implements Serializable {

  public static final String PREFIX = "ATTRIBUTION_";
  public static final String DEFAULT_GROUP_ID = "attribution";
  public static final Duration DEFAULT_MAX_LOOKBACK = Duration.ofDays(90);
  public static final Duration DEFAULT_ORDER_RETENTION = Duration.ofDays(120);
  public static final Duration DEFAULT_ADJUSTMENT_TTL = Duration.ofDays(30);
  // Well above the sources' idle timeout and out-of-orderness, so while traffic flows the watermark
  // releases every order (deterministic results) and this only matters once all inputs are quiet.
  public static final Duration DEFAULT_MAX_ORDER_HOLD = Duration.ofSeconds(30);
  // The heap: 2.3-2.7x cheaper per event, and the fault-tolerance IT once hung on RocksDB (a slot
  // never freed after an injected failure). ROCKSDB is the choice once the state outgrows the heap.
  public static final StateBackendKind DEFAULT_STATE_BACKEND = StateBackendKind.HASHMAP;

  /**
   * Topic names; the catalog's by default, per-test names in tests.
   *
   * @param ledger ledger topic, or null to not write the ledger
   */
  public record TopicNames(
      String clicks, String conversions, String links, String attributions, String ledger)
      implements Serializable {

    /** The catalog's topics, without a ledger topic. */
    public static TopicNames catalog() {
      return new TopicNames(
          Topics.CLICKS.name(),
          Topics.CONVERSIONS.name(),
          Topics.REFERRAL_LINKS.name(),
          Topics.ATTRIBUTIONS.name(),
          null);
    }

    public TopicNames withLedger(String ledgerTopic) {
      return new TopicNames(clicks, conversions, links, attributions, ledgerTopic);
    }
  }

  public AttributionJobConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(clickIdSecrets, "clickIdSecrets");
    Objects.requireNonNull(maxLookback, "maxLookback");
    Objects.requireNonNull(orderRetention, "orderRetention");
    Objects.requireNonNull(adjustmentTtl, "adjustmentTtl");
    Objects.requireNonNull(maxOrderHold, "maxOrderHold");
    if (maxOrderHold.isNegative() || maxOrderHold.isZero()) {
      throw new IllegalArgumentException("maxOrderHold must be positive: " + maxOrderHold);
    }
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(stateBackend, "stateBackend");
  }

  /** Defaults for a broker (local stack, tests): catalog topics, default durations. */
  public static AttributionJobConfig defaults(String bootstrapServers, String clickIdSecrets) {
    return new AttributionJobConfig(
        KafkaJobSettings.defaults(bootstrapServers, DEFAULT_GROUP_ID),
        clickIdSecrets,
        DEFAULT_MAX_LOOKBACK,
        DEFAULT_ORDER_RETENTION,
        DEFAULT_ADJUSTMENT_TTL,
        DEFAULT_MAX_ORDER_HOLD,
        TopicNames.catalog(),
        DEFAULT_STATE_BACKEND);
  }

  /**
   * Parses the environment.
   *
   * @throws io.influmeter.jobs.common.InvalidConfigurationException listing every bad key
   */
  public static AttributionJobConfig fromEnvironment(Map<String, String> variables) {
    EnvironmentConfig env = EnvironmentConfig.of(variables);
    KafkaJobSettings kafka = KafkaJobSettings.fromEnvironment(env, PREFIX, DEFAULT_GROUP_ID);
    String secrets =
        env.optional("CLICK_ID_SECRETS").or(() -> env.optional("CLICK_ID_SECRET")).orElse(null);
    if (secrets == null) {
      env.problem("CLICK_ID_SECRETS", "is required (or CLICK_ID_SECRET)");
    } else {
      try {
        ClickIdKeys.parse(secrets);
      } catch (IllegalArgumentException e) {
        // ClickIdKeys' messages never contain a secret.
        env.problem("CLICK_ID_SECRETS", "is invalid: " + e.getMessage());
      }
    }
    Duration lookback = env.duration(PREFIX + "MAX_LOOKBACK", DEFAULT_MAX_LOOKBACK);
    Duration retention = env.duration(PREFIX + "ORDER_RETENTION", DEFAULT_ORDER_RETENTION);
    Duration ttl = env.duration(PREFIX + "ADJUSTMENT_TTL", DEFAULT_ADJUSTMENT_TTL);
    Duration hold = env.duration(PREFIX + "MAX_ORDER_HOLD", DEFAULT_MAX_ORDER_HOLD);
    if (hold.isNegative() || hold.isZero()) {
      env.problem(PREFIX + "MAX_ORDER_HOLD", "must be positive");
    }
    String ledger = env.optional(PREFIX + "LEDGER_TOPIC").orElse(null);
    StateBackendKind backend =
        env.enumValue(PREFIX + "STATE_BACKEND", StateBackendKind.class, DEFAULT_STATE_BACKEND);
    env.validate("attribution job");
    return new AttributionJobConfig(
        kafka,
        secrets,
        lookback,
        retention,
        ttl,
        hold,
        TopicNames.catalog().withLedger(ledger),
        backend);
  }

  public AttributionJobConfig withKafka(KafkaJobSettings settings) {
    return new AttributionJobConfig(
        settings,
        clickIdSecrets,
        maxLookback,
        orderRetention,
        adjustmentTtl,
        maxOrderHold,
        topics,
        stateBackend);
  }

  public AttributionJobConfig withTopics(TopicNames names) {
    return new AttributionJobConfig(
        kafka,
        clickIdSecrets,
        maxLookback,
        orderRetention,
        adjustmentTtl,
        maxOrderHold,
        names,
        stateBackend);
  }

  public AttributionJobConfig withStateBackend(StateBackendKind backend) {
    return new AttributionJobConfig(
        kafka,
        clickIdSecrets,
        maxLookback,
        orderRetention,
        adjustmentTtl,
        maxOrderHold,
        topics,
        backend);
  }

  public AttributionJobConfig withMaxOrderHold(Duration hold) {
    return new AttributionJobConfig(
        kafka,
        clickIdSecrets,
        maxLookback,
        orderRetention,
        adjustmentTtl,
        hold,
        topics,
        stateBackend);
  }

  /** Never prints the click id secrets. */
  @Override
  public String toString() {
    return "AttributionJobConfig[kafka="
        + kafka
        + ", clickIdSecrets=***, maxLookback="
        + maxLookback
        + ", orderRetention="
        + orderRetention
        + ", adjustmentTtl="
        + adjustmentTtl
        + ", maxOrderHold="
        + maxOrderHold
        + ", topics="
        + topics
        + ", stateBackend="
        + stateBackend
        + "]";
  }
}
