package io.influmeter.jobs.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.embedded.EmbeddedFlink;
import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.events.AttributedConversion;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ConversionKind;
import io.influmeter.events.ReferralLink;
import io.influmeter.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedServices.class)
class AttributionRestoreIT {

  private static final int PARTITIONS = 2;

  @Test
  void cancellingAndRestoringFromTheRetainedCheckpointChangesNoTotalAndCountsNoOrderTwice(
      EmbeddedKafka kafka, EmbeddedFlink flink) throws Exception {
    AttributionScenario scenario = new AttributionScenario(301);
    AttributionJobConfig config = config(kafka);
    AttributionJobConfig.TopicNames topics = config.topics();
    for (String topic :
        List.of(topics.clicks(), topics.conversions(), topics.links(), topics.ledger())) {
      kafka.createTopic(topic, PARTITIONS, Map.of());
    }
    kafka.createTopic(topics.attributions(), PARTITIONS, Topics.ATTRIBUTIONS.configs());
    kafka.createTopic(topics.conversions() + ".dlq", PARTITIONS, Map.of());
    long middle = middleArrival(scenario);
    BatchAttribution batch = new BatchAttribution(scenario, config.maxLookback().toMillis());
    Totals expected = batch.totals();

    try (KafkaIo io = new KafkaIo(kafka)) {
      for (ReferralLink link : scenario.links) {
        io.send(Topics.REFERRAL_LINKS, topics.links(), Topics.keyOf(link), link);
      }
      send(io, scenario, topics, Long.MIN_VALUE, middle);

      JobClient first = AttributionJob.start(flink.environment(), config);
      io.readUntil(topics.attributions(), records -> records.size() >= 5, Duration.ofSeconds(90));
      first.cancel().get();
      String checkpoint = latestCheckpoint(flink, first);
      assertThat(checkpoint).as("a checkpoint retained on cancellation").isNotNull();

      send(io, scenario, topics, middle, Long.MAX_VALUE);
      sendTrailers(io, scenario, topics);
      JobClient second = AttributionJob.start(flink.environment(), config, checkpoint);
      try {
        List<ConsumerRecord<byte[], byte[]>> records =
            io.readUntil(
                topics.attributions(),
                read -> totals(io, read).equals(expected),
                Duration.ofSeconds(120));

        assertThat(totals(io, records)).isEqualTo(expected);
        List<String> revisions =
            records.stream()
                .map(io::decodeAttribution)
                .map(state -> Topics.keyOf(state) + "#" + state.getRevision())
                .toList();
        assertThat(revisions).doesNotHaveDuplicates();
      } finally {
        second.cancel().get();
      }
    }
  }

  private static Totals totals(KafkaIo io, List<ConsumerRecord<byte[], byte[]>> records) {
    List<AttributedConversion> states = records.stream().map(io::decodeAttribution).toList();
    return Totals.ofFinalStates(states, "");
  }

  private static AttributionJobConfig config(EmbeddedKafka kafka) {
    // Idle timeout long enough that a partition still being fetched is never taken for idle.
    return Fixtures.exactlyOnce(
        kafka.bootstrapServers(),
        Fixtures.uniqueTopics(),
        AttributionScenario.MAX_OUT_OF_ORDERNESS,
        Duration.ofSeconds(5));
  }

  private static long middleArrival(AttributionScenario scenario) {
    return scenario.conversions.get(scenario.conversions.size() / 2).arrivalMillis();
  }

  private static void send(
      KafkaIo io,
      AttributionScenario scenario,
      AttributionJobConfig.TopicNames topics,
      long fromArrival,
      long toArrival) {
    for (AttributionScenario.Arrival<ClickEvent> click : scenario.clicks) {
      if (click.arrivalMillis() >= fromArrival && click.arrivalMillis() < toArrival) {
        io.send(Topics.CLICKS, topics.clicks(), Topics.keyOf(click.event()), click.event());
      }
    }
    for (AttributionScenario.Arrival<ConversionEvent> conversion : scenario.conversions) {
      if (conversion.arrivalMillis() >= fromArrival && conversion.arrivalMillis() < toArrival) {
        io.send(
            Topics.CONVERSIONS,
            topics.conversions(),
            Topics.keyOf(conversion.event()),
            conversion.event());
      }
    }
    io.flush();
  }

  // Events far in the future on every partition, so the watermark passes every real event, every
  // refund's waiting time and every order's retention.
  private static void sendTrailers(
      KafkaIo io, AttributionScenario scenario, AttributionJobConfig.TopicNames topics) {
    ReferralLink link = scenario.links.get(0);
    for (int partition = 0; partition < PARTITIONS; partition++) {
      ClickEvent click =
          Fixtures.click(link, Fixtures.day(400), "trailer-" + UUID.randomUUID(), false);
      io.send(Topics.CLICKS, topics.clicks(), partition, Topics.keyOf(click), click);
      ConversionEvent order =
          Fixtures.conversion(
              link.getBrandId(),
              "trailer-store",
              "EUR",
              "trailer-" + partition,
              ConversionKind.ORDER,
              null,
              Fixtures.day(400),
              1,
              null,
              List.of());
      io.send(Topics.CONVERSIONS, topics.conversions(), partition, Topics.keyOf(order), order);
    }
    io.flush();
  }

  private static String latestCheckpoint(EmbeddedFlink flink, JobClient job) throws Exception {
    CompletedCheckpointStats latest =
        flink
            .miniCluster()
            .getArchivedExecutionGraph(job.getJobID())
            .get()
            .getCheckpointStatsSnapshot()
            .getHistory()
            .getLatestCompletedCheckpoint();
    return latest == null ? null : latest.getExternalPath();
  }
}
