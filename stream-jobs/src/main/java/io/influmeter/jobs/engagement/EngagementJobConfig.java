package io.influmeter.jobs.engagement;

import io.influmeter.jobs.common.EnvironmentConfig;
import io.influmeter.jobs.common.KafkaJobSettings;
import io.influmeter.schemas.TopicSpec;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * Configuration of the EngagementJob, parsed once in {@code main} from the environment. Besides the
 * shared Kafka settings (prefix {@code ENGAGEMENT_}, see {@link KafkaJobSettings}):
 *
 * <table>
 *   <caption>engagement settings</caption>
 *   <tr><th>variable</th><th>default</th><th>what</th></tr>
 *   <tr><td>ENGAGEMENT_EARLY_FIRING_INTERVAL</td><td>500ms</td><td>a changed window is emitted at most this long after its first change; a fifth of it is the click pre-aggregation bundle</td></tr>
 *   <tr><td>ENGAGEMENT_ALLOWED_LATENESS</td><td>2m</td><td>after the watermark passed a window, updates still re-emit it this long</td></tr>
 *   <tr><td>ENGAGEMENT_ATTRIBUTION_RETENTION</td><td>35d</td><td>how long an order's last attributed state is kept to diff refunds against</td></tr>
 *   <tr><td>ENGAGEMENT_SOCIAL_RETENTION</td><td>7d</td><td>an account not polled this long is forgotten (its next snapshot gives no delta)</td></tr>
 *   <tr><td>ENGAGEMENT_TOPIC_PREFIX</td><td>empty</td><td>prefix of every topic name (shared clusters, tests)</td></tr>
 * </table>
 *
 * @param kafka shared Kafka job settings
 * @param earlyFiringInterval early-firing interval (processing time)
 * @param allowedLateness allowed lateness of both window sizes
 * @param attributionRetention retention of an order's last attributed state
 * @param socialRetention retention of an account's last snapshot
 * @param topicPrefix prefix of every topic the job reads and writes (empty: the catalog's names)
 */
public record EngagementJobConfig(
    KafkaJobSettings kafka,
    Duration earlyFiringInterval,
    Duration allowedLateness,
    Duration attributionRetention,
    Duration socialRetention,
    String topicPrefix)
    implements Serializable {

  public static final String PREFIX = "ENGAGEMENT_";
  public static final String DEFAULT_GROUP_ID = "influmeter-engagement";

  /**
   * At-least-once by default: an exactly-once sink makes rows visible to read-committed consumers
   * only when a checkpoint commits (every 10 s), which would hide the one-second early firings; and
   * the output is an upsert with deterministic keys, so a replay after a failure rewrites the same
   * keys and, once final, the same totals. {@code ENGAGEMENT_DELIVERY=EXACTLY_ONCE} still works.
   */
  public static final DeliveryGuarantee DEFAULT_DELIVERY = DeliveryGuarantee.AT_LEAST_ONCE;

  public static final Duration DEFAULT_EARLY_FIRING_INTERVAL = Duration.ofMillis(500);
  public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofMinutes(2);
  public static final Duration DEFAULT_ATTRIBUTION_RETENTION = Duration.ofDays(35);
  public static final Duration DEFAULT_SOCIAL_RETENTION = Duration.ofDays(7);

  /**
   * How long clicks are summed per row and minute before the window function sees them ({@link
   * ClickPreAggregator}): a fifth of the early-firing interval (100 ms by default), so a click
   * still reaches its early row within the interval plus this.
   */
  public Duration bundleInterval() {
    return earlyFiringInterval.dividedBy(5);
  }

  public EngagementJobConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(earlyFiringInterval, "earlyFiringInterval");
    Objects.requireNonNull(allowedLateness, "allowedLateness");
    Objects.requireNonNull(attributionRetention, "attributionRetention");
    Objects.requireNonNull(socialRetention, "socialRetention");
    Objects.requireNonNull(topicPrefix, "topicPrefix");
  }

  /** The name of a catalog topic for this job: {@code topicPrefix + name}. */
  public String topic(TopicSpec<?> topic) {
    return topicPrefix + topic.name();
  }

  /** Defaults for a broker (local stack, tests). */
  public static EngagementJobConfig defaults(String bootstrapServers) {
    return new EngagementJobConfig(
        KafkaJobSettings.defaults(bootstrapServers, DEFAULT_GROUP_ID)
            .withDeliveryGuarantee(DEFAULT_DELIVERY),
        DEFAULT_EARLY_FIRING_INTERVAL,
        DEFAULT_ALLOWED_LATENESS,
        DEFAULT_ATTRIBUTION_RETENTION,
        DEFAULT_SOCIAL_RETENTION,
        "");
  }

  /**
   * Reads the configuration from environment variables.
   *
   * @throws io.influmeter.jobs.common.InvalidConfigurationException listing every bad key
   */
  public static EngagementJobConfig fromEnvironment(Map<String, String> variables) {
    EnvironmentConfig env = EnvironmentConfig.of(variables);
    KafkaJobSettings kafka = KafkaJobSettings.fromEnvironment(env, PREFIX, DEFAULT_GROUP_ID);
    if (env.optional(PREFIX + "DELIVERY").isEmpty()) {
      kafka = kafka.withDeliveryGuarantee(DEFAULT_DELIVERY);
    }
    Duration early = env.duration(PREFIX + "EARLY_FIRING_INTERVAL", DEFAULT_EARLY_FIRING_INTERVAL);
    Duration lateness = env.duration(PREFIX + "ALLOWED_LATENESS", DEFAULT_ALLOWED_LATENESS);
    Duration attribution =
        env.duration(PREFIX + "ATTRIBUTION_RETENTION", DEFAULT_ATTRIBUTION_RETENTION);
    Duration social = env.duration(PREFIX + "SOCIAL_RETENTION", DEFAULT_SOCIAL_RETENTION);
    String topicPrefix = env.string(PREFIX + "TOPIC_PREFIX", "");
    env.validate("EngagementJob");
    return new EngagementJobConfig(kafka, early, lateness, attribution, social, topicPrefix);
  }

  public EngagementJobConfig withKafka(KafkaJobSettings settings) {
    return new EngagementJobConfig(
        settings,
        earlyFiringInterval,
        allowedLateness,
        attributionRetention,
        socialRetention,
        topicPrefix);
  }

  public EngagementJobConfig withAllowedLateness(Duration lateness) {
    return new EngagementJobConfig(
        kafka, earlyFiringInterval, lateness, attributionRetention, socialRetention, topicPrefix);
  }

  public EngagementJobConfig withTopicPrefix(String prefix) {
    return new EngagementJobConfig(
        kafka, earlyFiringInterval, allowedLateness, attributionRetention, socialRetention, prefix);
  }
}
