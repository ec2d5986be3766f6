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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
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
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  count(metrics, "ingest.spool.skipped.already.delivered")
                          + count(metrics, "ingest.spool.relayed")
                      >= spooled);
      assertThat(endOffsets(kafka, topic)).isEqualTo(RECORDS);
    }
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
