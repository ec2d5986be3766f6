package io.influmeter.jobs.triggers;

import static io.influmeter.jobs.triggers.TriggerFixtures.DAY0;
import static io.influmeter.jobs.triggers.TriggerFixtures.HOUR;
import static io.influmeter.jobs.triggers.TriggerFixtures.hourRow;
import static io.influmeter.jobs.triggers.TriggerFixtures.link;
import static io.influmeter.jobs.triggers.TriggerFixtures.promoOrder;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.embedded.junit.TestNames;
import io.influmeter.events.AiTrigger;
import io.influmeter.events.AiTriggerKind;
import io.influmeter.events.AttributedConversion;
import io.influmeter.events.EngagementWindow;
import io.influmeter.jobs.common.CommittedTopic;
import io.influmeter.jobs.common.KafkaJobSettings;
import io.influmeter.schemas.DeadLetters;
import io.influmeter.schemas.TopicSpec;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.registry.SchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AiTriggerJob as {@code main} wires it ({@link AiTriggerJob#submit}: Kafka sources, Avro in
 * the wire format, exactly-once sink, dead letters) on the embedded broker: hourly rows, promo-code
 * orders and a link in, keyed triggers out, bad bytes to the dead-letter topic.
 */
@ExtendWith(EmbeddedServices.class)
class AiTriggerJobKafkaIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final List<TopicSpec<?>> TOPICS =
      List.of(
          Topics.ENGAGEMENT_WINDOWS,
          Topics.ATTRIBUTIONS,
          Topics.REFERRAL_LINKS,
          Topics.AI_TRIGGERS);

  @Test
  void recordsOnTheBrokerBecomeOneKeyedTriggerPerKindAndBadBytesBecomeDeadLetters(
      EmbeddedKafka kafka) throws Exception {
    String prefix = TestNames.unique("triggers") + ".";
    for (TopicSpec<?> topic : TOPICS) {
      kafka.createTopic(prefix + topic.name(), 2, Map.of());
      kafka.createTopic(prefix + topic.deadLetterName(), 1, Map.of());
    }
    SchemaRegistry registry = new BuiltInSchemaRegistry();
    try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
      send(producer, prefix, Topics.ENGAGEMENT_WINDOWS, registry, hours(), Topics::keyOf);
      send(producer, prefix, Topics.ATTRIBUTIONS, registry, promoOrders(), Topics::keyOf);
      send(
          producer,
          prefix,
          Topics.REFERRAL_LINKS,
          registry,
          List.of(link("c1", "murugi", DAY0, DAY0 + 40 * HOUR)),
          Topics::keyOf);
      producer.send(
          new ProducerRecord<>(
              prefix + Topics.ENGAGEMENT_WINDOWS.name(),
              "c1:garbage",
              "not avro".getBytes(StandardCharsets.UTF_8)));
    }
    AiTriggerJobConfig config =
        AiTriggerJobConfig.defaults(kafka.bootstrapServers())
            .withKafka(
                KafkaJobSettings.defaults(
                        kafka.bootstrapServers(), TestNames.unique("triggers_group"))
                    .withStopAtLatest(true)
                    .withCheckpointInterval(Duration.ofSeconds(1))
                    .withDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE))
            .withBudgets(Map.of("c1", new CampaignBudget(100_000, "KES")))
            .withTopicPrefix(prefix);

    JobClient job =
        AiTriggerJob.submit(StreamExecutionEnvironment.getExecutionEnvironment(), config);
    job.getJobExecutionResult().get(120, TimeUnit.SECONDS);

    AvroSerde<AiTrigger> serde = Serdes.forTopic(Topics.AI_TRIGGERS, registry);
    List<AiTrigger> triggers = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record :
        CommittedTopic.readToEnd(kafka, prefix + Topics.AI_TRIGGERS.name())) {
      AiTrigger trigger =
          serde.decode(record.topic(), record.partition(), record.offset(), record.value());
      assertThat(record.key()).isEqualTo(Topics.aiTriggerKey(trigger.getCampaignId()));
      triggers.add(trigger);
    }
    assertThat(triggers)
        .allSatisfy(
            trigger -> {
              assertThat(trigger.getCampaignId()).isEqualTo("c1");
              assertThat(trigger.getBrandId()).isEqualTo("brand-1");
            });
    assertThat(triggers).extracting(AiTrigger::getTriggerId).doesNotHaveDuplicates();
    assertThat(triggers)
        .extracting(AiTrigger::getKind)
        .containsAll(List.of(AiTriggerKind.values()));
    assertThat(triggers)
        .filteredOn(trigger -> trigger.getKind() == AiTriggerKind.CLICK_SPIKE)
        .singleElement()
        .satisfies(
            trigger -> {
              assertThat(trigger.getTriggerId()).isEqualTo("c1:CLICK_SPIKE:" + DAY0);
              assertThat(trigger.getHeadline())
                  .isEqualTo(
                      "Clicks spiked to 420 in the last hour (10.5x the 24-hour average of 40.1)");
            });

    assertThat(CommittedTopic.readToEnd(kafka, prefix + Topics.ENGAGEMENT_WINDOWS.deadLetterName()))
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.key()).isEqualTo("c1:garbage");
              assertThat(letter.headers().lastHeader(DeadLetters.REASON)).isNotNull();
            });
  }

  // The scenario of AiTriggerJobPipelineIT: twelve hours of a campaign whose last hour spikes, a
  // quiet campaign beside it, and a promo code redeemed far more often than its link is clicked.
  private static List<EngagementWindow> hours() {
    List<EngagementWindow> windows = new ArrayList<>();
    for (int hour = 0; hour < 12; hour++) {
      long start = DAY0 + hour * HOUR;
      boolean spike = hour == 11;
      windows.add(hourRow("c1", "murugi", start, true, spike ? 400 : 20, 2, 0, 4_000));
      windows.add(hourRow("c1", "njugush", start, true, 15, 0, 0, 0));
      windows.add(hourRow("c1", "otieno", start, true, 5, 0, 0, 0));
      windows.add(hourRow("c1", "wanjiku", start, true, hour == 3 ? 1 : 0, 0, 0, 0));
      windows.add(hourRow("c2", "quiet", start, true, 5, 0, 0, 0));
    }
    windows.sort(Comparator.comparing(EngagementWindow::getWindowStart));
    return windows;
  }

  private static List<AttributedConversion> promoOrders() {
    List<AttributedConversion> orders = new ArrayList<>();
    for (int order = 0; order < 15; order++) {
      orders.add(
          promoOrder(
              "c1", "order-" + order, "wanjiku", "WANJIKU25", DAY0 + 5 * HOUR + order * 60_000L));
    }
    return orders;
  }

  private static <T extends SpecificRecord> void send(
      KafkaProducer<String, byte[]> producer,
      String prefix,
      TopicSpec<T> topic,
      SchemaRegistry registry,
      List<? extends T> records,
      Function<T, String> keyOf) {
    AvroSerde<T> serde = Serdes.forTopic(topic, registry);
    String name = prefix + topic.name();
    for (T record : records) {
      // One partition, in event-time order, so no row is late against the source's watermark.
      producer.send(new ProducerRecord<>(name, 0, keyOf.apply(record), serde.encode(name, record)));
    }
  }

  private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", kafka.bootstrapServers());
    properties.put("acks", "all");
    properties.put("enable.idempotence", "true");
    return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
  }
}
