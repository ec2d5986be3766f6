package io.influmeter.ingest.delivery;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one place ingest's Kafka producer is configured. Values are serialized before they reach the
 * producer (so a spooled record is replayed byte for byte), hence {@code String} keys and {@code
 * byte[]} values.
 */
public final class ProducerFactory {

  private ProducerFactory() {}

  /** Every setting of the ingest producer, explicit. */
  public static Map<String, Object> settings(String bootstrapServers, String clientId) {
    return Map.ofEntries(
        Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        // Names this instance in broker logs, quotas and metrics.
        Map.entry(ProducerConfig.CLIENT_ID_CONFIG, clientId),
        // A 302 or a webhook 2xx promises the record is stored: wait for every in-sync replica.
        Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
        // Retries never duplicate or reorder records within a partition.
        Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
        // Idempotence keeps order with up to 5 in flight; more in flight means more throughput.
        Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5),
        Map.entry(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE),
        // A request waits for its ack: batch only what arrives within 1 ms (5 ms measured worse).
        Map.entry(ProducerConfig.LINGER_MS_CONFIG, 1),
        Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024),
        // Cheap on CPU (2 cores shared with the HTTP server), good on repetitive Avro records.
        Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
        // send() must not stall a request thread: metadata is warmed at start, the spool covers
        // a broker that is down, so blocking longer than this only delays the fallback.
        Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 100),
        // Records the request path gave up on (spooled) still arrive if Kafka returns within
        // this; a duplicate of a spooled record is dropped downstream by its event id.
        Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000),
        Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
        Map.entry(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024),
        Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()),
        Map.entry(
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
  }

  /** A producer with {@link #settings}. */
  public static Producer<String, byte[]> create(String bootstrapServers, String clientId) {
    return new KafkaProducer<>(settings(bootstrapServers, clientId));
  }
}
