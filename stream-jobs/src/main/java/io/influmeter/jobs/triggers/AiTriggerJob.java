package io.influmeter.jobs.triggers;

import io.influmeter.events.AiTrigger;
import io.influmeter.events.AttributedConversion;
import io.influmeter.events.EngagementWindow;
import io.influmeter.events.ReferralLink;
import io.influmeter.jobs.common.AvroTypes;
import io.influmeter.jobs.common.DeadLetter;
import io.influmeter.jobs.common.DecodedStreams;
import io.influmeter.jobs.common.DecodedStreams.Decoded;
import io.influmeter.jobs.common.JobEnvironments;
import io.influmeter.jobs.common.KafkaJobSettings;
import io.influmeter.jobs.common.KafkaSinks;
import io.influmeter.jobs.common.KafkaSources;
import io.influmeter.jobs.common.SinkApplier;
import io.influmeter.schemas.Topics;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code engagement.windows} + {@code attributions} + {@code referral.links} -> {@code
 * ai.triggers}: facts worth telling a brand ({@link TriggerRules}), evaluated per campaign at the
 * end of every event-time hour ({@link CampaignTriggerFunction}), at most one per campaign per kind
 * per dedup period, each with a deterministic id and headline.
 *
 * <p>Delivery: triggers carry deterministic ids ({@code campaign:KIND:period}), so a replay after a
 * failure may resend one but never creates a second insight.
 */
public final class AiTriggerJob {

  public static final String NAME = "influmeter-ai-triggers";

  private AiTriggerJob() {}

  /** Reads the configuration from the environment and runs the job until cancelled. */
  public static void main(String[] args) throws Exception {
    AiTriggerJobConfig config = AiTriggerJobConfig.fromEnvironment(System.getenv());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    build(env, config);
    env.execute(NAME);
  }

  /** Builds the job on {@code env} and submits it without waiting (the local stack calls this). */
  public static JobClient submit(StreamExecutionEnvironment env, AiTriggerJobConfig config)
      throws Exception {
    build(env, config);
    return env.executeAsync(NAME);
  }

  /** Adds the Kafka-to-Kafka job to {@code env}: sources, {@link #defineWorkflow}, sinks. */
  public static void build(StreamExecutionEnvironment env, AiTriggerJobConfig config) {
    KafkaJobSettings kafka = config.kafka();
    JobEnvironments.configure(env, kafka);
    Duration delay = kafka.maxOutOfOrderness();
    Duration idle = kafka.idleTimeout();
    Decoded<EngagementWindow> windows =
        DecodedStreams.read(
            env,
            KafkaSources.avro(
                kafka, config.topic(Topics.ENGAGEMENT_WINDOWS), EngagementWindow.class),
            DecodedStreams.eventTime(AiTriggerJob::windowTime, delay, idle),
            EngagementWindow.class,
            "engagement-windows");
    Decoded<AttributedConversion> attributions =
        DecodedStreams.read(
            env,
            KafkaSources.avro(kafka, config.topic(Topics.ATTRIBUTIONS), AttributedConversion.class),
            DecodedStreams.eventTime(AiTriggerJob::attributionTime, delay, idle),
            AttributedConversion.class,
            "attributions");
    Decoded<ReferralLink> links =
        DecodedStreams.read(
            env,
            KafkaSources.avro(kafka, config.topic(Topics.REFERRAL_LINKS), ReferralLink.class),
            DecodedStreams.eventTime(AiTriggerJob::linkTime, delay, idle),
            ReferralLink.class,
            "referral-links");
    SinkApplier<AiTrigger> triggers =
        SinkApplier.of(
            KafkaSinks.avro(
                kafka,
                config.topic(Topics.AI_TRIGGERS),
                AiTrigger.class,
                Topics::keyOf,
                "ai-triggers-sink"),
            "ai-triggers-sink");
    DataStream<DeadLetter> deadLetters =
        windows.deadLetters().union(attributions.deadLetters(), links.deadLetters());
    SinkApplier.of(KafkaSinks.deadLetters(kafka, "dead-letters-sink"), "dead-letters-sink")
        .applyTo(deadLetters);
    defineWorkflow(
        env, config, windows.records(), attributions.records(), links.records(), triggers);
  }

  /**
   * The topology, from timestamped inputs (watermarks assigned: {@link #windowTime} etc., {@link
   * #watermarks} for tests) to the triggers.
   */
  public static void defineWorkflow(
      StreamExecutionEnvironment env,
      AiTriggerJobConfig config,
      DataStream<EngagementWindow> windows,
      DataStream<AttributedConversion> attributions,
      DataStream<ReferralLink> links,
      SinkApplier<AiTrigger> triggersOut) {
    DataStream<CampaignInput> hours =
        windows
            .flatMap(new CampaignInputs.FinalCampaignHours())
            .returns(TriggerState.INPUT_TYPE)
            .name("final campaign hours")
            .uid("final-campaign-hours");
    DataStream<CampaignInput> orders =
        attributions
            .flatMap(new CampaignInputs.AttributedOrders())
            .returns(TriggerState.INPUT_TYPE)
            .name("attributed orders")
            .uid("attributed-orders");
    DataStream<CampaignInput> campaignLinks =
        links
            .flatMap(new CampaignInputs.CampaignLinks())
            .returns(TriggerState.INPUT_TYPE)
            .name("campaign links")
            .uid("campaign-links");
    DataStream<AiTrigger> triggers =
        hours
            .union(orders, campaignLinks)
            .keyBy(CampaignInput::campaignId, Types.STRING)
            .process(new CampaignTriggerFunction(config.thresholds(), config.budgets()))
            .returns(AvroTypes.of(AiTrigger.class))
            .name("campaign triggers")
            .uid("campaign-triggers")
            .setMaxParallelism(config.kafka().maxParallelism());
    triggersOut.applyTo(triggers);
  }

  /** Event time of a window row: its start (early minute rows keep the watermark moving). */
  public static long windowTime(EngagementWindow window, long kafkaTimestamp) {
    return window.getWindowStart().toEpochMilli();
  }

  /** Event time of an attributed order's state: when it last changed. */
  public static long attributionTime(AttributedConversion attribution, long kafkaTimestamp) {
    return attribution.getUpdatedAt().toEpochMilli();
  }

  /** Event time of a link: when it or its campaign last changed. */
  public static long linkTime(ReferralLink link, long kafkaTimestamp) {
    return link.getUpdatedAt().toEpochMilli();
  }

  /** The sources' watermarks for inputs that are not Kafka sources (tests). */
  public static <T> WatermarkStrategy<T> watermarks(
      AiTriggerJobConfig config, SerializableTimestampAssigner<T> eventTime) {
    return WatermarkStrategy.<T>forBoundedOutOfOrderness(config.kafka().maxOutOfOrderness())
        .withTimestampAssigner(eventTime)
        .withIdleness(config.kafka().idleTimeout());
  }
}
