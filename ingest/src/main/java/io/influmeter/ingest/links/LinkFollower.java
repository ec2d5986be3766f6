package io.influmeter.ingest.links;

import io.influmeter.events.ReferralLink;
import io.influmeter.schemas.serde.AvroSerde;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a {@link LinkTable} from the compacted links topic: reads every partition from the
 * beginning up to the end offsets found at start (then marks the table ready), and keeps following
 * so a link created in the API redirects within a poll. No consumer group: every ingest instance
 * holds the whole table, and nothing is committed.
 */
public final class LinkFollower implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LinkFollower.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final AvroSerde<ReferralLink> serde;
  private final LinkTable table;
  private final Counter rejected;
  private final CountDownLatch bootstrapped = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;

  public LinkFollower(
      Consumer<String, byte[]> consumer,
      String topic,
      AvroSerde<ReferralLink> serde,
      LinkTable table,
      MeterRegistry metrics) {
    this.consumer = consumer;
    this.topic = topic;
    this.serde = serde;
    this.table = table;
    this.rejected = metrics.counter("ingest.links.rejected");
    metrics.gauge("ingest.links", table, LinkTable::size);
    this.thread = new Thread(this::run, "ingest-link-follower");
    this.thread.setDaemon(true);
  }

  /** A plain consumer for the links topic (no group, nothing committed). */
  public static Consumer<String, byte[]> consumer(String bootstrapServers, String clientId) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    // Only committed records: a link never appears and then vanishes with an aborted transaction.
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    return new KafkaConsumer<>(properties);
  }

  public LinkFollower start() {
    thread.start();
    return this;
  }

  /** Waits until the table holds every link that existed at start. */
  public boolean awaitBootstrap(Duration timeout) throws InterruptedException {
    return bootstrapped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      List<TopicPartition> partitions = partitionsWhenReachable();
      if (partitions.isEmpty()) {
        return;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> remaining = new HashMap<>(consumer.endOffsets(partitions));
      remaining.values().removeIf(end -> end == 0);
      checkBootstrapped(remaining);
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          apply(record);
        }
        if (!remaining.isEmpty()) {
          remaining.keySet().removeIf(p -> consumer.position(p) >= remaining.get(p));
          checkBootstrapped(remaining);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("Link follower stopped: redirects use the links read so far", e);
    } finally {
      consumer.close();
    }
  }

  // Kafka may be down when ingest starts: keep asking (the spool takes clicks meanwhile).
  private List<TopicPartition> partitionsWhenReachable() {
    while (running) {
      try {
        List<TopicPartition> partitions =
            consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        if (!partitions.isEmpty()) {
          return partitions;
        }
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        LOG.warn("Links topic {} not reachable yet, retrying", topic);
      }
    }
    return List.of();
  }

  private void checkBootstrapped(Map<TopicPartition, Long> remaining) {
    if (remaining.isEmpty() && bootstrapped.getCount() > 0) {
      table.markReady();
      bootstrapped.countDown();
      LOG.info("Link table bootstrapped from {}: {} links", topic, table.size());
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    if (record.key() == null) {
      rejected.increment();
      return;
    }
    if (record.value() == null) {
      table.remove(record.key());
      return;
    }
    try {
      ReferralLink link =
          serde.decode(record.topic(), record.partition(), record.offset(), record.value());
      table.put(link.getSlug().toString(), Link.of(link));
    } catch (RuntimeException e) {
      // A link we cannot trust (bad URL, bad id) must not redirect anywhere: drop any old state.
      table.remove(record.key());
      rejected.increment();
      LOG.warn(
          "Link {} at {}:{} rejected: {}",
          record.key(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
