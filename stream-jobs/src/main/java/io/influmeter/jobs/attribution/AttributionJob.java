package io.influmeter.jobs.attribution;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ReferralLink;
import io.influmeter.jobs.common.CompactStringSerializer;
import io.influmeter.jobs.common.DeadLetter;
import io.influmeter.jobs.common.DeadLetterEncoder;
import io.influmeter.jobs.common.DecodedStreams;
import io.influmeter.jobs.common.DecodedStreams.Decoded;
import io.influmeter.jobs.common.JobEnvironments;
import io.influmeter.jobs.common.KafkaJobSettings;
import io.influmeter.jobs.common.KafkaSinks;
import io.influmeter.jobs.common.KafkaSources;
import io.influmeter.jobs.common.SinkApplier;
import io.influmeter.schemas.ClickId;
import io.influmeter.schemas.Topics;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code clicks} + {@code conversions} + {@code referral.links} -> {@code attributions} (current
 * state per order, compacted), the change ledger and dead letters.
 *
 * <p>Topology: clicks of a known visitor become {@link ClickTouch}es kept by the {@link
 * VisitorJourneyFunction} (key: visitor tag); orders whose click id verifies and names a visitor
 * ({@link JourneyRouting}) collect that visitor's journey there; every conversion event then
 * reaches the {@link AttributionFunction} (key: store + order) with the links broadcast to it. No
 * click is looked up by id: the id itself carries what attribution needs of it.
 *
 * <p>Entry points: {@link #main} ({@code flink run}, configuration from the environment), {@link
 * #start} (the local stack: submit to a given environment, returns the running job), {@link #build}
 * (wire Kafka sources and sinks into an environment without executing), {@link #defineWorkflow}
 * (the pure topology that tests feed with bounded streams).
 */
public final class AttributionJob {

  public static final String JOB_NAME = "attribution";

  private AttributionJob() {}

  /** The job's inputs: streams with event-time timestamps and watermarks already assigned. */
  public record Inputs(
      DataStream<ClickEvent> clicks,
      DataStream<ConversionEvent> conversions,
      DataStream<ReferralLink> links,
      DataStream<DeadLetter> upstreamDeadLetters) {}

  /** Where the job's three outputs go. */
  public record Outputs(
      SinkApplier<AttributedConversion> attributions,
      SinkApplier<AttributedConversion> ledger,
      SinkApplier<DeadLetter> deadLetters) {}

  /** Runs the job from the environment's configuration (blocks until the job ends). */
  public static void main(String[] args) throws Exception {
    AttributionJobConfig config = AttributionJobConfig.fromEnvironment(System.getenv());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    build(env, config);
    env.execute(JOB_NAME);
  }

  /**
   * Builds the job into {@code env} and submits it without blocking: the local stack's entry point
   * (e.g. with {@code EmbeddedFlink.environment()}).
   *
   * @return the running job (cancel it, or wait for its result)
   */
  public static JobClient start(StreamExecutionEnvironment env, AttributionJobConfig config)
      throws Exception {
    return start(env, config, null);
  }

  /**
   * Like {@link #start(StreamExecutionEnvironment, AttributionJobConfig)}, resuming from a retained
   * checkpoint or savepoint (e.g. the latest {@code chk-N} directory after a restart of the local
   * stack); null starts fresh. Operator uids are stable, so state maps back.
   */
  public static JobClient start(
      StreamExecutionEnvironment env, AttributionJobConfig config, String restoreFromPath)
      throws Exception {
    if (restoreFromPath != null) {
      // The executor takes the restore path from the configuration (not from the stream graph).
      Configuration restore = new Configuration();
      restore.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFromPath);
      env.configure(restore);
    }
    build(env, config);
    return env.executeAsync(JOB_NAME);
  }

  /**
   * Configures {@code env} (parallelism, checkpoints, no Kryo) and wires the Kafka sources and
   * sinks of {@code config} around {@link #defineWorkflow}.
   */
  public static void build(StreamExecutionEnvironment env, AttributionJobConfig config) {
    KafkaJobSettings kafka = config.kafka();
    JobEnvironments.configure(env, kafka, config.stateBackend());
    AttributionJobConfig.TopicNames topics = config.topics();
    Decoded<ClickEvent> clicks =
        DecodedStreams.read(
            env,
            KafkaSources.avro(kafka, topics.clicks(), ClickEvent.class),
            DecodedStreams.eventTime(
                (click, ts) -> click.getEventTime().toEpochMilli(),
                kafka.maxOutOfOrderness(),
                kafka.idleTimeout()),
            ClickEvent.class,
            "clicks");
    Decoded<ConversionEvent> conversions =
        DecodedStreams.read(
            env,
            KafkaSources.avro(kafka, topics.conversions(), ConversionEvent.class),
            DecodedStreams.eventTime(
                (conversion, ts) -> conversion.getEventTime().toEpochMilli(),
                kafka.maxOutOfOrderness(),
                kafka.idleTimeout()),
            ConversionEvent.class,
            "conversions");
    Decoded<ReferralLink> links =
        DecodedStreams.read(
            env,
            KafkaSources.avro(kafka, topics.links(), ReferralLink.class),
            DecodedStreams.eventTime(
                (link, ts) -> link.getUpdatedAt().toEpochMilli(),
                kafka.maxOutOfOrderness(),
                kafka.idleTimeout()),
            ReferralLink.class,
            "links");
    DataStream<DeadLetter> undecodable =
        clicks.deadLetters().union(conversions.deadLetters(), links.deadLetters());
    SinkApplier<AttributedConversion> ledger =
        topics.ledger() == null
            ? SinkApplier.discard()
            : SinkApplier.of(
                KafkaSinks.avro(
                    kafka, topics.ledger(), AttributedConversion.class, Topics::keyOf, "ledger"),
                "ledger-sink");
    defineWorkflow(
        config,
        new Inputs(clicks.records(), conversions.records(), links.records(), undecodable),
        new Outputs(
            SinkApplier.of(
                KafkaSinks.avro(
                    kafka,
                    topics.attributions(),
                    AttributedConversion.class,
                    Topics::keyOf,
                    "attributions"),
                "attributions-sink"),
            ledger,
            SinkApplier.of(KafkaSinks.deadLetters(kafka, "dead-letters"), "dead-letters-sink")));
  }

  /**
   * The topology, independent of Kafka: tests call it with bounded streams and collecting outputs.
   */
  public static void defineWorkflow(AttributionJobConfig config, Inputs inputs, Outputs outputs) {
    // Clicks without a visitor can never be on another click's journey: they are not kept. An
    // order's own click needs no lookup: its id carries the link, time, visitor and bot verdict.
    DataStream<ClickTouch> touches =
        inputs
            .clicks()
            .map(ClickTouch::of)
            .returns(AttributionState.CLICK_TOUCH)
            .name("click touches")
            .uid("click-touches")
            .filter(touch -> touch.visitorTag != ClickId.NO_VISITOR)
            .name("clicks with a visitor");
    DataStream<ConversionInput> conversions =
        inputs
            .conversions()
            .map(new JourneyRouting(config.clickIdSecrets()))
            .returns(AttributionState.CONVERSION_INPUT)
            .name("journey routing")
            .uid("journey-routing");
    DataStream<ConversionInput> toJourney =
        conversions.filter(ConversionInput::needsJourney).name("orders of a known visitor");
    DataStream<ConversionInput> direct =
        conversions.filter(input -> !input.needsJourney()).name("other conversions");

    DataStream<ConversionInput> journeyed =
        touches
            .keyBy(touch -> touch.visitorTag, Types.LONG)
            .connect(toJourney.keyBy(input -> input.visitorTag, Types.LONG))
            .process(
                new VisitorJourneyFunction(config.maxLookback(), config.maxOrderHold()),
                AttributionState.CONVERSION_INPUT)
            .name("visitor journey")
            .uid("visitor-journey");

    BroadcastStream<ReferralLink> links =
        inputs
            .links()
            .broadcast(AttributionState.LINKS_BY_ID, AttributionState.LINK_IDS_BY_PROMO_CODE);
    SingleOutputStreamOperator<AttributedConversion> attributed =
        journeyed
            .union(direct)
            .keyBy(ConversionInput::orderKey, CompactStringSerializer.TYPE)
            .connect(links)
            .process(
                new AttributionFunction(
                    config.clickIdSecrets(),
                    config.orderRetention(),
                    config.adjustmentTtl(),
                    config.maxOrderHold(),
                    new DeadLetterEncoder<>(
                        config.topics().conversions(),
                        ConversionEvent.class,
                        config.kafka().registry())),
                AttributionState.ATTRIBUTED)
            .name("attribution")
            .uid("attribution");

    outputs.attributions().applyTo(attributed);
    outputs.ledger().applyTo(attributed.getSideOutput(AttributionState.LEDGER));
    DataStream<DeadLetter> rejected = attributed.getSideOutput(AttributionState.REJECTED);
    outputs
        .deadLetters()
        .applyTo(
            inputs.upstreamDeadLetters() == null
                ? rejected
                : rejected.union(inputs.upstreamDeadLetters()));
  }
}
