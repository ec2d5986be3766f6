package io.influmeter.jobs.attribution;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ReferralLink;
import io.influmeter.jobs.common.AvroTypes;
import io.influmeter.jobs.common.DeadLetter;
import io.influmeter.jobs.common.JobEnvironments;
import io.influmeter.jobs.common.KafkaJobSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs {@link AttributionJob#defineWorkflow} over bounded streams of scenarios on the MiniCluster
 * the test registered, at parallelism 2, and collects every output.
 */
final class PipelineRun {

  final List<AttributedConversion> attributions = new ArrayList<>();
  final List<AttributedConversion> ledger = new ArrayList<>();
  final List<DeadLetter> deadLetters = new ArrayList<>();

  static AttributionJobConfig config() {
    return AttributionJobConfig.defaults("unused:9092", Fixtures.SECRETS)
        .withKafka(
            KafkaJobSettings.defaults("unused:9092", "attribution-test")
                .withParallelism(2)
                .withCheckpointInterval(Duration.ofMillis(200)));
  }

  /**
   * Runs the scenarios; {@code conversionsHook} may wrap the conversion stream (fault tests). With
   * {@code checkpointing} off, bounded tasks finish without waiting for a final checkpoint.
   */
  static PipelineRun run(
      StreamExecutionEnvironment env,
      List<AttributionScenario> scenarios,
      UnaryOperator<DataStream<ConversionEvent>> conversionsHook,
      boolean checkpointing)
      throws Exception {
    AttributionJobConfig config = config();
    if (checkpointing) {
      JobEnvironments.configure(env, config.kafka(), config.stateBackend());
    } else {
      Configuration noKryo = new Configuration();
      noKryo.set(PipelineOptions.GENERIC_TYPES, false);
      env.configure(noKryo);
      env.setParallelism(config.kafka().parallelism());
      env.setMaxParallelism(config.kafka().maxParallelism());
    }
    List<ReferralLink> links = new ArrayList<>();
    scenarios.forEach(scenario -> links.addAll(scenario.links));
    List<ClickEvent> clicks = AttributionScenario.merged(scenarios, true);
    List<ConversionEvent> conversions = AttributionScenario.merged(scenarios, false);
    Duration bound = AttributionScenario.MAX_OUT_OF_ORDERNESS;
    DataStream<ClickEvent> clickStream =
        env.fromData(clicks, AvroTypes.of(ClickEvent.class))
            .name("clicks")
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<ClickEvent>forBoundedOutOfOrderness(bound)
                    .withTimestampAssigner((click, ts) -> click.getEventTime().toEpochMilli()))
            .setParallelism(1)
            .name("click watermarks");
    DataStream<ConversionEvent> conversionStream =
        env.fromData(conversions, AvroTypes.of(ConversionEvent.class))
            .name("conversions")
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<ConversionEvent>forBoundedOutOfOrderness(bound)
                    .withTimestampAssigner((event, ts) -> event.getEventTime().toEpochMilli()))
            .setParallelism(1)
            .name("conversion watermarks");
    DataStream<ReferralLink> linkStream =
        env.fromData(links, AvroTypes.of(ReferralLink.class))
            .name("links")
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<ReferralLink>forMonotonousTimestamps()
                    .withTimestampAssigner((link, ts) -> link.getUpdatedAt().toEpochMilli()))
            .setParallelism(1)
            .name("link watermarks");
    List<CloseableIterator<AttributedConversion>> attributed = new ArrayList<>();
    List<CloseableIterator<AttributedConversion>> ledgers = new ArrayList<>();
    List<CloseableIterator<DeadLetter>> letters = new ArrayList<>();
    AttributionJob.defineWorkflow(
        config,
        new AttributionJob.Inputs(
            clickStream, conversionsHook.apply(conversionStream), linkStream, null),
        new AttributionJob.Outputs(
            stream -> attributed.add(stream.collectAsync()),
            stream -> ledgers.add(stream.collectAsync()),
            stream -> letters.add(stream.collectAsync())));
    env.execute("attribution-pipeline-test");
    PipelineRun run = new PipelineRun();
    attributed.get(0).forEachRemaining(run.attributions::add);
    ledgers.get(0).forEachRemaining(run.ledger::add);
    letters.get(0).forEachRemaining(run.deadLetters::add);
    return run;
  }
}
