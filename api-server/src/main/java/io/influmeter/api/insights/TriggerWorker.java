package io.influmeter.api.insights;

import io.influmeter.events.AiTrigger;
import io.influmeter.schemas.DeadLetters;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.SchemaRegistries;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@code ai.triggers} records into stored insights, inside the api-server process.
 *
 * <p>At-least-once: offsets are committed only after a record's insight is stored (or the record is
 * dead-lettered), and storage is idempotent (the trigger id is unique in {@code ai_insights}, and a
 * stored trigger is never sent to the writer again), so a redelivery makes no second insight and
 * costs nothing. Undecodable records, triggers for unknown campaigns and reports the writer refuses
 * for good (4xx, cost cap) go to {@code <topic>.dlq} with the reason in {@link DeadLetters}
 * headers. Outages (database, provider 5xx/timeouts after retries) are not dead-lettered: the
 * worker seeks back and tries the same record again with growing backoff.
 */
public final class TriggerWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TriggerWorker.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  private final Consumer<String, byte[]> consumer;
  private final Producer<String, byte[]> deadLetters;
  private final String topic;
  private final String deadLetterTopic;
  private final AvroSerde<AiTrigger> serde;
  private final InsightEngine engine;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final Thread thread;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile boolean running = true;
  private Duration backoff = Duration.ofSeconds(1);

  TriggerWorker(
      Consumer<String, byte[]> consumer,
      Producer<String, byte[]> deadLetters,
      String topic,
      AvroSerde<AiTrigger> serde,
      InsightEngine engine,
      Clock clock,
      MeterRegistry metrics) {
    this.consumer = consumer;
    this.deadLetters = deadLetters;
    this.topic = topic;
    this.deadLetterTopic = topic + ".dlq";
    this.serde = serde;
    this.engine = engine;
    this.clock = clock;
    this.metrics = metrics;
    this.thread = new Thread(this::run, "api-insights-trigger-worker");
    this.thread.setDaemon(true);
  }

  /** A worker on the catalog topic {@link Topics#AI_TRIGGERS}. */
  public static TriggerWorker create(
      InsightsConfig config, InsightEngine engine, Clock clock, MeterRegistry metrics) {
    return create(config, Topics.AI_TRIGGERS.name(), engine, clock, metrics);
  }

  /** A worker on another topic of AiTrigger records (tests give each run its own). */
  public static TriggerWorker create(
      InsightsConfig config,
      String topic,
      InsightEngine engine,
      Clock clock,
      MeterRegistry metrics) {
    String servers =
        config
            .kafkaBootstrapServers()
            .orElseThrow(() -> new IllegalArgumentException("KAFKA_BOOTSTRAP_SERVERS is not set"));
    var serde =
        Serdes.forTopic(
            Topics.AI_TRIGGERS, SchemaRegistries.fromUrl(config.schemaRegistryUrl().orElse(null)));
    return new TriggerWorker(
        consumer(servers, config.consumerGroup()),
        producer(servers),
        topic,
        serde,
        engine,
        clock,
        metrics);
  }

  static Consumer<String, byte[]> consumer(String servers, String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    // Own group: every api-server instance shares the triggers, each handled by one of them.
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-consumer");
    // Commit after storing, never before: at-least-once.
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // A new group starts from the oldest retained trigger: storage is idempotent, missing one is
    // not.
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A report can take a model call of a minute with retries: small batches, long poll interval.
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10);
    p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 15 * 60 * 1000);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return new KafkaConsumer<>(p);
  }

  static Producer<String, byte[]> producer(String servers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "api-insights-dlq");
    // A dead letter must be durable before its offset is committed.
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // Rare and sent one at a time: no batching delay.
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(p);
  }

  public TriggerWorker start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic));
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        if (!records.isEmpty()) {
          handle(records);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("trigger worker woken up while running", e);
      }
    } catch (RuntimeException e) {
      LOG.error("trigger worker stopped: triggers wait in {} until restart", topic, e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
      deadLetters.close(Duration.ofSeconds(5));
    }
  }

  private void handle(ConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    boolean failed = false;
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> list = records.records(partition);
      for (ConsumerRecord<String, byte[]> record : list) {
        if (failed) {
          consumer.seek(partition, record.offset());
          break;
        }
        try {
          handle(record);
          done.put(partition, new OffsetAndMetadata(record.offset() + 1));
          backoff = Duration.ofSeconds(1);
        } catch (RuntimeException e) {
          failed = true;
          metrics.counter("insights.triggers", "outcome", "retried").increment();
          LOG.warn(
              "trigger at {}:{} failed, retrying in {} s: {}",
              partition,
              record.offset(),
              backoff.toSeconds(),
              e.toString());
          consumer.seek(partition, record.offset());
          break;
        }
      }
    }
    if (!done.isEmpty()) {
      consumer.commitSync(done);
    }
    if (failed) {
      pause(backoff);
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return; // a tombstone carries no trigger
    }
    TriggerInput input;
    try {
      input =
          TriggerDecoder.toInput(
              serde.decode(record.topic(), record.partition(), record.offset(), record.value()));
    } catch (RuntimeException e) {
      deadLetter(
          record,
          DeadLetters.headers(
              record.topic(), record.partition(), record.offset(), "decode", e, clock.instant()));
      return;
    }
    InsightEngine.TriggerOutcome outcome;
    try {
      outcome = engine.forTrigger(input);
    } catch (ReportWriter.WriterException e) {
      if (!e.permanent()) {
        throw e;
      }
      deadLetter(
          record,
          DeadLetters.headers(
              record.topic(), record.partition(), record.offset(), "insight", e, clock.instant()));
      return;
    }
    if (outcome instanceof InsightEngine.TriggerOutcome.Stored stored) {
      metrics
          .counter("insights.triggers", "outcome", stored.duplicate() ? "duplicate" : "stored")
          .increment();
    } else if (outcome instanceof InsightEngine.TriggerOutcome.UnknownCampaign unknown) {
      deadLetter(
          record,
          DeadLetters.headers(
              record.topic(),
              record.partition(),
              record.offset(),
              "insight",
              "unknown campaign " + unknown.campaignId(),
              clock.instant()));
    }
  }

  private void deadLetter(
      ConsumerRecord<String, byte[]> record, List<org.apache.kafka.common.header.Header> headers) {
    var letter = new ProducerRecord<>(deadLetterTopic, null, record.key(), record.value(), headers);
    try {
      deadLetters.send(letter).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("dead-lettering to " + deadLetterTopic + " failed", e);
    }
    metrics.counter("insights.triggers", "outcome", "dead_lettered").increment();
    LOG.warn(
        "trigger at {}-{}:{} dead-lettered: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        DeadLetters.read(letter.headers()).get(DeadLetters.REASON));
  }

  private void pause(Duration wait) {
    try {
      stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    stopping.countDown();
    consumer.wakeup();
    try {
      thread.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
