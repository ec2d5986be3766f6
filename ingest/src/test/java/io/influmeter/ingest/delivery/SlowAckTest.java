package io.influmeter.ingest.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.embedded.junit.TestNames;
import io.influmeter.ingest.TestDirectories;
import io.influmeter.ingest.spool.OutboundRecord;
import io.influmeter.ingest.spool.Spool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A broker that is alive but answers later than the budget (here: a zero budget, so every ack is
 * late) must cost only the late records a spool append: the sender never switches every following
 * record to the spool, and the relay skips what Kafka took after all, so each record is in Kafka
 * exactly once.
 */
@ExtendWith(EmbeddedServices.class)
class SlowAckTest {

  private static final int RECORDS = 300;

  @Test
  void lateAcksSpoolOnlyTheLateRecordsAndNeverSwitchEveryRecordToTheSpool(EmbeddedKafka kafka)
      throws Exception {
    String topic = TestNames.unique("slow_acks");
    kafka.createTopic(topic, 2, Map.of());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Producer<String, byte[]> producer =
            ProducerFactory.create(kafka.bootstrapServers(), TestNames.unique("slow-ack"));
        Spool spool = Spool.open(TestDirectories.fresh("slow-ack-"), 64L << 20, 1 << 20);
        DurableSender sender = new DurableSender(producer, spool, metrics);
        SpoolRelay relay = new SpoolRelay(spool, producer, sender, metrics).start()) {
      // max.block.ms is 100 ms: ask until the new topic's metadata is there.
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> !producer.partitionsFor(topic).isEmpty());
      List<CompletableFuture<Delivery>> deliveries = new ArrayList<>();
      for (int i = 0; i < RECORDS; i++) {
        byte[] value = ("record-" + i).getBytes(StandardCharsets.UTF_8);
        deliveries.add(sender.send(OutboundRecord.of(topic, "key-" + i, value), Duration.ZERO));
        Thread.sleep(1);
      }
      CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new)).get();
      long spooled = deliveries.stream().filter(d -> d.join() == Delivery.SPOOLED).count();
      assertThat(deliveries).allSatisfy(d -> assertThat(d.join().isDurable()).isTrue());
      assertThat(spooled).as("records whose ack came after the zero budget").isPositive();
      assertThat(count(metrics, "ingest.spool.switches")).isZero();
      awaitRelayHandled(metrics, spooled);
      assertThat(endOffsets(kafka, topic)).isEqualTo(RECORDS);
    }
  }

  /**
   * The interleaving that once put a record in Kafka twice: the record misses its budget, the
   * thread spooling it stalls right after handing it to the spool, the spool fsyncs it and the
   * relay reads it while the producer's acknowledgement of the first send arrives. The relay must
   * still know that attempt (noted by the spool's writer before the record became readable) and
   * skip the record instead of sending it again.
   */
  @Test
  void relayReadingASpooledRecordBeforeItsSpoolingThreadResumesStillSkipsWhatKafkaAcknowledged(
      EmbeddedKafka kafka) throws Exception {
    String topic = TestNames.unique("late_note");
    kafka.createTopic(topic, 1, Map.of());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CountDownLatch spoolingThreadStalled = new CountDownLatch(1);
    CountDownLatch resumeSpoolingThread = new CountDownLatch(1);
    CountDownLatch brokerAcknowledged = new CountDownLatch(1);
    AtomicReference<Runnable> heldAcknowledgement = new AtomicReference<>();
    Runnable stall =
        () -> {
          spoolingThreadStalled.countDown();
          awaitQuietly(resumeSpoolingThread);
        };
    try (Producer<String, byte[]> real =
            ProducerFactory.create(kafka.bootstrapServers(), TestNames.unique("late-note"));
        Spool spool = Spool.open(TestDirectories.fresh("late-note-"), 64L << 20, 1 << 20);
        DurableSender sender =
            new DurableSender(
                holdingSenderCallbacks(real, heldAcknowledgement, brokerAcknowledged),
                spool,
                metrics,
                stall);
        SpoolRelay relay = new SpoolRelay(spool, real, sender, metrics).start()) {
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(() -> !real.partitionsFor(topic).isEmpty());
        byte[] value = "late".getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Delivery> delivery =
            sender.send(OutboundRecord.of(topic, "key", value), Duration.ZERO);

        assertThat(spoolingThreadStalled.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(brokerAcknowledged.await(30, TimeUnit.SECONDS)).isTrue();
        heldAcknowledgement.get().run();
        awaitRelayHandled(metrics, 1);
        resumeSpoolingThread.countDown();

        assertThat(delivery.get(30, TimeUnit.SECONDS)).isEqualTo(Delivery.ACKED);
        assertThat(count(metrics, "ingest.spool.relayed")).isZero();
        assertThat(count(metrics, "ingest.spool.skipped.already.delivered")).isEqualTo(1);
        assertThat(endOffsets(kafka, topic)).isEqualTo(1);
      } finally {
        resumeSpoolingThread.countDown();
      }
    }
  }

  /**
   * The real producer, except that the callbacks of {@code send(record, callback)} (the sender's
   * first attempts; the relay sends without one) are held until the test runs them, once the broker
   * has answered.
   */
  @SuppressWarnings("unchecked")
  private static Producer<String, byte[]> holdingSenderCallbacks(
      Producer<String, byte[]> real, AtomicReference<Runnable> held, CountDownLatch answered) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("send") && args.length == 2 && args[1] != null) {
            Callback callback = (Callback) args[1];
            return real.send(
                (ProducerRecord<String, byte[]>) args[0],
                (metadata, error) -> {
                  held.set(() -> callback.onCompletion(metadata, error));
                  answered.countDown();
                });
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (Producer<String, byte[]>)
        Proxy.newProxyInstance(
            SlowAckTest.class.getClassLoader(), new Class<?>[] {Producer.class}, handler);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // Every spooled record was either skipped (Kafka took its first send) or relayed.
  private static void awaitRelayHandled(PrometheusMeterRegistry metrics, long spooled) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                count(metrics, "ingest.spool.skipped.already.delivered")
                        + count(metrics, "ingest.spool.relayed")
                    >= spooled);
  }

  private static double count(PrometheusMeterRegistry metrics, String name) {
    return metrics.find(name).functionCounters().stream()
            .mapToDouble(counter -> counter.count())
            .sum()
        + metrics.find(name).counters().stream().mapToDouble(counter -> counter.count()).sum();
  }

  private static long endOffsets(EmbeddedKafka kafka, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
