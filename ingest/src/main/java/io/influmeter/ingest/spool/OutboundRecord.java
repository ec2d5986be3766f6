package io.influmeter.ingest.spool;

import java.util.List;
import java.util.Objects;

/**
 * A record on its way to Kafka, already serialized: what the spool stores and the relay sends.
 * Keeping bytes (not Avro objects) means a spooled record is replayed exactly as it would have been
 * produced, whatever the schema registry does meanwhile.
 *
 * @param topic target topic
 * @param key UTF-8 string key (the catalog's key), or null
 * @param value serialized value (Confluent wire format, or raw bytes for dead letters)
 * @param headers record headers (dead-letter reasons), immutable
 */
public record OutboundRecord(String topic, String key, byte[] value, List<Header> headers) {

  public OutboundRecord {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(value, "value");
    headers = List.copyOf(headers);
  }

  /** A record without headers. */
  public static OutboundRecord of(String topic, String key, byte[] value) {
    return new OutboundRecord(topic, key, value, List.of());
  }

  /** A header: name and raw value. */
  public record Header(String name, byte[] value) {
    public Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }
}
