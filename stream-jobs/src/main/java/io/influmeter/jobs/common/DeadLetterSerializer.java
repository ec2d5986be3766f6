package io.influmeter.jobs.common;

import io.influmeter.schemas.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Writes a {@link DeadLetter} to {@code <sourceTopic>.dlq}: the original key and bytes unchanged
 * and the {@link DeadLetters} headers (reason, error class, source topic/partition/offset, stage,
 * time).
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

  private static final long serialVersionUID = 1L;

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      DeadLetter letter, KafkaSinkContext context, Long timestamp) {
    List<Header> headers =
        new ArrayList<>(
            DeadLetters.headers(
                letter.sourceTopic,
                letter.partition,
                letter.offset,
                letter.stage,
                letter.reason,
                Instant.ofEpochMilli(letter.failedAtMillis)));
    if (letter.errorClass != null) {
      headers.add(
          new RecordHeader(
              DeadLetters.ERROR_CLASS, letter.errorClass.getBytes(StandardCharsets.UTF_8)));
    }
    return new ProducerRecord<>(
        letter.deadLetterTopic(), null, null, letter.key, letter.value, headers);
  }
}
