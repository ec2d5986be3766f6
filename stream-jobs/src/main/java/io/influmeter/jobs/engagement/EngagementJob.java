package io.influmeter.jobs.engagement;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.EngagementWindow;
import io.influmeter.events.SocialMetricSnapshot;
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
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code clicks} + {@code attributions} + {@code social.metrics} -> {@code engagement.windows}:
 * tumbling one-minute and one-hour event-time windows per campaign x influencer and per influencer
 * overall (campaign {@code "*"}), early results every second, keyed upserts.
 *
 * <p>Topology: clicks become contributions (stateless), summed per row and minute within short
 * bundles ({@link ClickPreAggregator}); attributed orders become per-influencer changes ({@link
 * AttributionDeltaFunction}, keyed by order); social snapshots become deltas ({@link
 * SocialDeltaFunction}, keyed by account); the union is aggregated per row ({@link
 * EngagementWindowFunction}). Watermarks come from the sources (per Kafka partition, bounded
 * out-of-orderness, idleness); rejected contributions and stale snapshots go to dead letters.
 *
 * <p>Delivery: at-least-once by default ({@link EngagementJobConfig#DEFAULT_DELIVERY}): the output
 * is a keyed upsert ({@code Topics.engagementWindowKey}), so replays after a restore rewrite the
 * same keys with the same final totals, and early rows are visible within a second instead of at
 * the next checkpoint commit.
 */
public final class EngagementJob {

  public static final String NAME = "influmeter-engagement";

  /** Distinct row-minutes a click bundle holds before it is emitted early. */
  static final int MAX_BUNDLED_ROWS = 10_000;

  private EngagementJob() {}

  /** Reads the configuration from the environment and runs the job until cancelled. */
  public static void main(String[] args) throws Exception {
    EngagementJobConfig config = EngagementJobConfig.fromEnvironment(System.getenv());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    build(env, config);
    env.execute(NAME);
  }

  /**
   * Builds the job on {@code env} and submits it without waiting (the local stack calls this with
   * its MiniCluster's environment).
   */
  public static JobClient submit(StreamExecutionEnvironment env, EngagementJobConfig config)
      throws Exception {
    build(env, config);
    return env.executeAsync(NAME);
  }

  /** Adds the Kafka-to-Kafka job to {@code env}: sources, {@link #defineWorkflow}, sinks. */
  public static void build(StreamExecutionEnvironment env, EngagementJobConfig config) {
    KafkaJobSettings kafka = config.kafka();
    JobEnvironments.configure(env, kafka);
    Duration delay = kafka.maxOutOfOrderness();
    Duration idle = kafka.idleTimeout();
    Decoded<ClickEvent> clicks =
        DecodedStreams.read(
            env,
            KafkaSources.avro(kafka, config.topic(Topics.CLICKS), ClickEvent.class),
            DecodedStreams.eventTime(EngagementJob::clickTime, delay, idle),
            ClickEvent.class,
            "clicks");
    Decoded<AttributedConversion> attributions =
        DecodedStreams.read(
            env,
            KafkaSources.avro(kafka, config.topic(Topics.ATTRIBUTIONS), AttributedConversion.class),
            DecodedStreams.eventTime(EngagementJob::attributionTime, delay, idle),
            AttributedConversion.class,
            "attributions");
    Decoded<SocialMetricSnapshot> social =
        DecodedStreams.read(
            env,
            KafkaSources.avro(
                kafka, config.topic(Topics.SOCIAL_METRICS), SocialMetricSnapshot.class),
            DecodedStreams.eventTime(EngagementJob::snapshotTime, delay, idle),
            SocialMetricSnapshot.class,
            "social-metrics");
    SinkApplier<EngagementWindow> windows =
        SinkApplier.of(
            KafkaSinks.avro(
                kafka,
                config.topic(Topics.ENGAGEMENT_WINDOWS),
                EngagementWindow.class,
                Topics::keyOf,
                "engagement-windows-sink"),
            "engagement-windows-sink");
    SinkApplier<DeadLetter> deadLetterSink =
        SinkApplier.of(KafkaSinks.deadLetters(kafka, "dead-letters-sink"), "dead-letters-sink");
    SinkApplier<DeadLetter> deadLetters =
        rejected ->
            deadLetterSink.applyTo(
                rejected.union(
                    clicks.deadLetters(), attributions.deadLetters(), social.deadLetters()));
    defineWorkflow(
        env,
        config,
        clicks.records(),
        attributions.records(),
        social.records(),
        windows,
        deadLetters);
  }

  /**
   * The topology, from timestamped inputs to its outputs. Inputs must carry event-time timestamps
   * and watermarks ({@link #clickTime} etc.; {@link #watermarks} for tests).
   */
  public static void defineWorkflow(
      StreamExecutionEnvironment env,
      EngagementJobConfig config,
      DataStream<ClickEvent> clicks,
      DataStream<AttributedConversion> attributions,
      DataStream<SocialMetricSnapshot> social,
      SinkApplier<EngagementWindow> windowsOut,
      SinkApplier<DeadLetter> deadLettersOut) {
    int maxParallelism = config.kafka().maxParallelism();
    DataStream<EngagementContribution> clickContributions =
        clicks
            .flatMap(new ClickContributions())
            .returns(EngagementState.CONTRIBUTION_TYPE)
            .name("click contributions")
            .uid("click-contributions")
            .transform(
                "click pre-aggregation",
                EngagementState.CONTRIBUTION_TYPE,
                new ClickPreAggregator(
                    config.bundleInterval().toMillis(),
                    MAX_BUNDLED_ROWS,
                    config.allowedLateness().toMillis()))
            .uid("click-pre-aggregation");
    SingleOutputStreamOperator<EngagementContribution> orderChanges =
        attributions
            .keyBy(Topics::keyOf, Types.STRING)
            .process(new AttributionDeltaFunction(config.attributionRetention()))
            .returns(EngagementState.CONTRIBUTION_TYPE)
            .name("attributed order changes")
            .uid("attributed-order-changes")
            .setMaxParallelism(maxParallelism);
    SingleOutputStreamOperator<EngagementContribution> socialDeltas =
        social
            .keyBy(SocialDeltaFunction::keyOf, Types.STRING)
            .process(new SocialDeltaFunction(config.socialRetention()))
            .returns(EngagementState.CONTRIBUTION_TYPE)
            .name("social deltas")
            .uid("social-deltas")
            .setMaxParallelism(maxParallelism);
    SingleOutputStreamOperator<EngagementWindow> windows =
        clickContributions
            .union(orderChanges, socialDeltas)
            .keyBy(EngagementContribution::rowKey, Types.STRING)
            .process(
                new EngagementWindowFunction(
                    config.earlyFiringInterval(), config.allowedLateness()))
            .returns(AvroTypes.of(EngagementWindow.class))
            .name("engagement windows")
            .uid("engagement-windows")
            .setMaxParallelism(maxParallelism);
    windowsOut.applyTo(windows);
    DataStream<DeadLetter> rejected =
        windows
            .getSideOutput(EngagementState.REJECTED)
            .map(new RejectedContributionDeadLetter(config.topic(Topics.ENGAGEMENT_WINDOWS)))
            .name("rejected contributions to dead letters")
            .uid("rejected-contribution-dead-letters");
    DataStream<DeadLetter> stale =
        socialDeltas
            .getSideOutput(EngagementState.STALE_SNAPSHOTS)
            .map(
                new StaleSnapshotDeadLetter(
                    config.topic(Topics.SOCIAL_METRICS), config.kafka().registry()))
            .name("stale snapshots to dead letters")
            .uid("stale-snapshot-dead-letters");
    deadLettersOut.applyTo(rejected.union(stale));
  }

  /** Event time of a click: when ingest received it. */
  public static long clickTime(ClickEvent click, long kafkaTimestamp) {
    return click.getEventTime().toEpochMilli();
  }

  /**
   * Event time of an attributed order's state: the order time for its first revision, the time of
   * the change for later ones (as {@link AttributionDeltaFunction} places them).
   */
  public static long attributionTime(AttributedConversion attribution, long kafkaTimestamp) {
    return attribution.getRevision() <= 1
        ? attribution.getOrderTime().toEpochMilli()
        : attribution.getUpdatedAt().toEpochMilli();
  }

  /** Event time of a snapshot: when the poller read it. */
  public static long snapshotTime(SocialMetricSnapshot snapshot, long kafkaTimestamp) {
    return snapshot.getCapturedAt().toEpochMilli();
  }

  /**
   * The same watermarks as the sources, for inputs that are not Kafka sources (tests): bounded
   * out-of-orderness and idleness from the config.
   */
  public static <T> WatermarkStrategy<T> watermarks(
      EngagementJobConfig config, SerializableTimestampAssigner<T> eventTime) {
    return WatermarkStrategy.<T>forBoundedOutOfOrderness(config.kafka().maxOutOfOrderness())
        .withTimestampAssigner(eventTime)
        .withIdleness(config.kafka().idleTimeout());
  }
}
