package io.influmeter.api.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.api.http.Json;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.junit.TestNames;
import io.influmeter.embedded.junit.TopicReader;
import io.influmeter.events.AiTrigger;
import io.influmeter.events.AiTriggerKind;
import io.influmeter.events.TriggerFact;
import io.influmeter.schemas.DeadLetters;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The trigger worker end to end on the real broker of the test kit: an AiTrigger produced to a
 * topic becomes a stored insight visible through {@code GET /campaigns/{id}/insights}, with the
 * offline writer and with each provider (local fakes speaking their wire formats).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TriggerWorkerTest extends ApiTest {
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private final AvroSerde<AiTrigger> serde =
      Serdes.forTopic(Topics.AI_TRIGGERS, new BuiltInSchemaRegistry());

  private record Seeded(TestApi.Account brand, UUID campaign, UUID murugi, UUID njugush) {}

  private Seeded seed() {
    var brand = api.register("BRAND");
    var dsl = TestDatabase.get().dsl();
    UUID campaign = InsightFixtures.campaign(dsl, brand.id(), clock.instant());
    UUID[] ids = InsightFixtures.seedPerformance(dsl, campaign, clock.instant());
    return new Seeded(brand, campaign, ids[0], ids[1]);
  }

  private AiTrigger trigger(String id, UUID campaign, UUID brand, UUID murugi, UUID njugush) {
    Instant now = clock.instant();
    return AiTrigger.newBuilder()
        .setTriggerId(id)
        .setCampaignId(campaign.toString())
        .setBrandId(brand.toString())
        .setKind(AiTriggerKind.ENGAGEMENT_CONCENTRATION)
        .setPeriodStart(now.minus(Duration.ofHours(24)))
        .setPeriodEnd(now)
        .setDetectedAt(now)
        .setHeadline(murugi + " and " + njugush + " generated 80% of total engagement")
        .setFacts(
            List.of(
                new TriggerFact("total_engagement", "1500", "engagements", null),
                new TriggerFact("top_share", "0.8", "ratio", null),
                new TriggerFact("engagement_share", "0.4667", "ratio", murugi.toString()),
                new TriggerFact("engagement_share", "0.3333", "ratio", njugush.toString())))
        .build();
  }

  private static void produce(EmbeddedKafka kafka, String topic, String key, byte[]... values) {
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, key, value));
      }
      producer.flush();
    }
  }

  private static String topic(EmbeddedKafka kafka) {
    String topic = TestNames.unique("ai-triggers");
    kafka.createTopic(topic, 2, Map.of());
    kafka.createTopic(topic + ".dlq", 1, Map.of());
    return topic;
  }

  private static InsightsConfig onKafka(InsightsConfig c, EmbeddedKafka kafka) {
    return new InsightsConfig(
        c.provider(),
        c.model(),
        c.apiKey(),
        c.baseUrl(),
        c.timeout(),
        c.maxRetries(),
        c.maxOutputTokens(),
        c.inputPricePer1k(),
        c.outputPricePer1k(),
        c.costCurrency(),
        c.maxCostPerReport(),
        Optional.of(kafka.bootstrapServers()),
        Optional.empty(),
        TestNames.unique("insights-group"),
        c.onDemandInterval(),
        c.scheduleEvery());
  }

  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private TriggerWorker worker(InsightsConfig config, String topic) {
    var engine = Insights.create(config, TestDatabase.get().dsl(), clock, Json.mapper()).engine();
    return TriggerWorker.create(config, topic, engine, clock, metrics).start();
  }

  private double duplicatesSeen() throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      var counter = metrics.find("insights.triggers").tag("outcome", "duplicate").counter();
      if (counter != null && counter.count() >= 1) {
        return counter.count();
      }
      Thread.sleep(100);
    }
    return 0;
  }

  private JsonNode awaitInsights(Seeded seeded, int count) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    JsonNode insights = null;
    while (System.nanoTime() < deadline) {
      var response =
          http.get("/campaigns/" + seeded.campaign() + "/insights", seeded.brand().accessToken());
      assertThat(response.status()).isEqualTo(200);
      insights = response.json().get("insights");
      if (insights.size() >= count) {
        return insights;
      }
      Thread.sleep(200);
    }
    return insights;
  }

  private void runTrigger(
      EmbeddedKafka kafka, InsightsConfig config, Provider provider, long tokens) throws Exception {
    Seeded seeded = seed();
    String topic = topic(kafka);
    AiTrigger trigger =
        trigger(
            "t-" + UUID.randomUUID(),
            seeded.campaign(),
            seeded.brand().id(),
            seeded.murugi(),
            seeded.njugush());
    byte[] bytes = serde.encode(topic, trigger);
    // Delivered twice, as after a crash before the commit: one insight.
    produce(kafka, topic, seeded.campaign().toString(), bytes, bytes);

    try (var worker = worker(onKafka(config, kafka), topic)) {
      JsonNode insights = awaitInsights(seeded, 1);

      assertThat(insights).hasSize(1);
      JsonNode insight = insights.get(0);
      assertThat(insight.get("triggerId").asText()).isEqualTo(trigger.getTriggerId().toString());
      assertThat(insight.get("kind").asText()).isEqualTo("ENGAGEMENT_CONCENTRATION");
      assertThat(insight.get("provider").asText()).isEqualTo(provider.name());
      assertThat(insight.get("grounded").asBoolean()).isTrue();
      assertThat(insight.get("summary").asText()).contains("80% of total engagement");
      assertThat(insight.get("totalTokens").asLong()).isEqualTo(tokens);
      // The redelivered copy is recognised by its trigger id and adds no row.
      assertThat(duplicatesSeen()).isEqualTo(1);
      assertThat(awaitInsights(seeded, 1)).hasSize(1);
    }
  }

  @Test
  void a_trigger_on_the_broker_becomes_an_offline_insight_once_even_when_delivered_twice(
      EmbeddedKafka kafka) throws Exception {
    runTrigger(kafka, InsightsConfig.builtin(), Provider.BUILTIN, 0);
  }

  @Test
  void a_trigger_becomes_an_insight_written_through_the_openai_api(EmbeddedKafka kafka)
      throws Exception {
    try (var openai = new FakeChatProvider(FakeChatProvider.Api.OPENAI)) {
      openai.thenRateLimited(1).thenReport(ProviderWritersTest.GROUNDED, 812, 164);

      runTrigger(kafka, openai.config(2, Duration.ofSeconds(20)), Provider.OPENAI, 976);
      assertThat(openai.received).hasSize(2);
    }
  }

  @Test
  void a_trigger_becomes_an_insight_written_through_the_anthropic_api(EmbeddedKafka kafka)
      throws Exception {
    try (var anthropic = new FakeChatProvider(FakeChatProvider.Api.ANTHROPIC)) {
      anthropic.thenReport(ProviderWritersTest.GROUNDED, 900, 150);

      runTrigger(kafka, anthropic.config(2, Duration.ofSeconds(20)), Provider.ANTHROPIC, 1050);
    }
  }

  @Test
  void undecodable_records_and_unknown_campaigns_go_to_the_dead_letter_topic_with_the_reason(
      EmbeddedKafka kafka) throws Exception {
    String topic = topic(kafka);
    UUID unknown = UUID.randomUUID();
    byte[] orphan =
        serde.encode(
            topic,
            trigger("t-orphan", unknown, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()));
    produce(kafka, topic, "same-key", "not avro".getBytes(StandardCharsets.UTF_8), orphan);

    try (var worker = worker(onKafka(InsightsConfig.builtin(), kafka), topic)) {
      var letters = TopicReader.read(kafka.bootstrapServers(), topic + ".dlq", 2);

      assertThat(letters).hasSize(2);
      Map<String, Map<String, String>> byStage =
          letters.stream()
              .map(r -> DeadLetters.read(r.headers()))
              .collect(Collectors.toMap(h -> h.get(DeadLetters.STAGE), h -> h));
      assertThat(byStage.get("decode").get(DeadLetters.REASON)).contains("magic byte");
      assertThat(byStage.get("decode").get(DeadLetters.SOURCE_TOPIC)).isEqualTo(topic);
      assertThat(byStage.get("insight").get(DeadLetters.REASON))
          .isEqualTo("unknown campaign " + unknown);
      assertThat(letters).allSatisfy(r -> assertThat(r.key()).isEqualTo("same-key"));
    }
  }
}
