package io.influmeter.ingest;

import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.junit.TestNames;
import io.influmeter.events.AttributionModel;
import io.influmeter.events.CommissionType;
import io.influmeter.events.LinkStatus;
import io.influmeter.events.ReferralLink;
import io.influmeter.ingest.stores.StoreDirectory;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.Serdes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A running ingest on the test broker with its own topics, and helpers to talk to both. */
final class IngestFixture implements AutoCloseable {

  final EmbeddedKafka kafka;
  final IngestConfig config;
  final Ingest ingest;
  final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private IngestFixture(EmbeddedKafka kafka, IngestConfig config, Ingest ingest) {
    this.kafka = kafka;
    this.config = config;
    this.ingest = ingest;
  }

  /** Only the topic-reading helpers, on a broker of the test's own. */
  static IngestFixture reader(EmbeddedKafka kafka) {
    return new IngestFixture(kafka, null, null);
  }

  /** Creates fresh topics, publishes {@code links}, then starts ingest on them. */
  static IngestFixture start(
      EmbeddedKafka kafka, StoreDirectory stores, List<ReferralLink> links, Path spoolDirectory) {
    IngestConfig config =
        TestSecrets.builder()
            .with(
                b -> {
                  b.host = "127.0.0.1";
                  b.port = 0;
                  b.kafkaBootstrapServers = kafka.bootstrapServers();
                  b.spoolDirectory = spoolDirectory;
                  b.countryHeader = "CF-IPCountry";
                  b.clicksTopic = TestNames.unique("clicks");
                  b.conversionsTopic = TestNames.unique("conversions");
                  b.conversionsDeadLetterTopic = TestNames.unique("conversions_dlq");
                  b.linksTopic = TestNames.unique("links");
                  return b;
                })
            .build();
    kafka.createTopic(config.clicksTopic(), 2, Map.of());
    kafka.createTopic(config.conversionsTopic(), 2, Map.of());
    kafka.createTopic(config.conversionsDeadLetterTopic(), 1, Map.of());
    kafka.createTopic(config.linksTopic(), 2, Topics.REFERRAL_LINKS.configs());
    publishLinks(kafka, config.linksTopic(), links);
    return new IngestFixture(kafka, config, Ingest.start(config, stores));
  }

  static ReferralLink link(String slug, String destination) {
    return ReferralLink.newBuilder()
        .setLinkId(UUID.randomUUID().toString())
        .setSlug(slug)
        .setCampaignId(UUID.randomUUID().toString())
        .setInfluencerId(UUID.randomUUID().toString())
        .setBrandId(UUID.randomUUID().toString())
        .setDestinationUrl(destination)
        .setUtm(Map.of("utm_source", "instagram", "utm_medium", "influencer"))
        .setStatus(LinkStatus.ACTIVE)
        .setAttributionModel(AttributionModel.LAST_CLICK)
        .setCommissionType(CommissionType.PERCENTAGE)
        .setCommissionPercentBps(1000)
        .setCommissionFixedMinor(0)
        .setCommissionCurrency("USD")
        .setUpdatedAt(Instant.now())
        .build();
  }

  static void publishLinks(EmbeddedKafka kafka, String topic, List<ReferralLink> links) {
    var serde = Serdes.forTopic(Topics.REFERRAL_LINKS, new BuiltInSchemaRegistry());
    try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
      for (ReferralLink link : links) {
        producer.send(new ProducerRecord<>(topic, Topics.keyOf(link), serde.encode(topic, link)));
      }
      producer.flush();
    }
  }

  static void deleteLink(EmbeddedKafka kafka, String topic, String slug) {
    try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
      producer.send(new ProducerRecord<>(topic, Topics.referralLinkKey(slug), null));
      producer.flush();
    }
  }

  static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
  }

  /** Sum of the end offsets of a topic's partitions: how many records it ever received. */
  long endOffsets(String topic) {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      Set<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .collect(Collectors.toSet());
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Waits until the topic holds exactly {@code expected} records (a spooled record arrives through
   * the relay a little later), then checks that no more arrive.
   */
  void assertEndOffsetsSettleAt(String topic, long expected) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> endOffsets(topic) >= expected);
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    org.assertj.core.api.Assertions.assertThat(endOffsets(topic)).isEqualTo(expected);
  }

  /** Every record of a topic, in partition order. */
  List<ConsumerRecord<String, byte[]>> records(String topic) {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
          && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  private KafkaConsumer<String, byte[]> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + ingest.port() + path);
  }

  HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  HttpResponse<String> head(String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return send(request.build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    ingest.close();
  }
}
