package io.influmeter.jobs.triggers;

import io.influmeter.jobs.common.EnvironmentConfig;
import io.influmeter.jobs.common.KafkaJobSettings;
import io.influmeter.schemas.TopicSpec;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the AiTriggerJob, parsed once in {@code main}. Kafka settings use the prefix
 * {@code AI_TRIGGER_} (see {@link KafkaJobSettings}); thresholds are in {@link TriggerThresholds};
 * and:
 *
 * <table>
 *   <caption>trigger settings</caption>
 *   <tr><th>variable</th><th>default</th><th>what</th></tr>
 *   <tr><td>AI_TRIGGER_CAMPAIGN_BUDGETS</td><td>empty</td><td>{@code campaignA=500000 KES,campaignB=120000 USD}: commission budgets in minor units (no record carries them); campaigns without one get no BUDGET_PACING</td></tr>
 *   <tr><td>AI_TRIGGER_TOPIC_PREFIX</td><td>empty</td><td>prefix of every topic name</td></tr>
 * </table>
 *
 * @param kafka shared Kafka job settings
 * @param thresholds when a fact is worth telling
 * @param budgets commission budget per campaign id
 * @param topicPrefix prefix of every topic the job reads and writes
 */
public record AiTriggerJobConfig(
    KafkaJobSettings kafka,
    TriggerThresholds thresholds,
    Map<String, CampaignBudget> budgets,
    String topicPrefix)
    implements Serializable {

  public static final String PREFIX = "AI_TRIGGER_";
  public static final String DEFAULT_GROUP_ID = "influmeter-ai-triggers";

  public AiTriggerJobConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(thresholds, "thresholds");
    budgets = Map.copyOf(budgets);
    Objects.requireNonNull(topicPrefix, "topicPrefix");
  }

  /** Defaults for a broker (local stack, tests). */
  public static AiTriggerJobConfig defaults(String bootstrapServers) {
    return new AiTriggerJobConfig(
        KafkaJobSettings.defaults(bootstrapServers, DEFAULT_GROUP_ID),
        TriggerThresholds.defaults(),
        Map.of(),
        "");
  }

  /**
   * Reads the configuration from environment variables.
   *
   * @throws io.influmeter.jobs.common.InvalidConfigurationException listing every bad key
   */
  public static AiTriggerJobConfig fromEnvironment(Map<String, String> variables) {
    EnvironmentConfig env = EnvironmentConfig.of(variables);
    KafkaJobSettings kafka = KafkaJobSettings.fromEnvironment(env, PREFIX, DEFAULT_GROUP_ID);
    TriggerThresholds thresholds = TriggerThresholds.fromEnvironment(env, PREFIX);
    Map<String, CampaignBudget> budgets = Map.of();
    try {
      budgets = CampaignBudget.parseAll(env.string(PREFIX + "CAMPAIGN_BUDGETS", ""));
    } catch (IllegalArgumentException e) {
      env.problem(
          PREFIX + "CAMPAIGN_BUDGETS",
          "must look like 'campaignA=500000 KES,campaignB=120000 USD': " + e.getMessage());
    }
    String topicPrefix = env.string(PREFIX + "TOPIC_PREFIX", "");
    env.validate("AiTriggerJob");
    return new AiTriggerJobConfig(kafka, thresholds, budgets, topicPrefix);
  }

  /** The name of a catalog topic for this job: {@code topicPrefix + name}. */
  public String topic(TopicSpec<?> topic) {
    return topicPrefix + topic.name();
  }

  public AiTriggerJobConfig withKafka(KafkaJobSettings settings) {
    return new AiTriggerJobConfig(settings, thresholds, budgets, topicPrefix);
  }

  public AiTriggerJobConfig withThresholds(TriggerThresholds newThresholds) {
    return new AiTriggerJobConfig(kafka, newThresholds, budgets, topicPrefix);
  }

  public AiTriggerJobConfig withBudgets(Map<String, CampaignBudget> newBudgets) {
    return new AiTriggerJobConfig(kafka, thresholds, newBudgets, topicPrefix);
  }

  public AiTriggerJobConfig withTopicPrefix(String prefix) {
    return new AiTriggerJobConfig(kafka, thresholds, budgets, prefix);
  }
}
