package io.influmeter.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.schemas.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterSerializerTest {

  @Test
  void aDeadLetterGoesToItsSourceTopicsDlqWithTheOriginalBytesAndEveryHeader() {
    byte[] value = {9, 8, 7};
    DeadLetter letter =
        DeadLetter.ofFailure(
            "clicks",
            3,
            42L,
            "link-1".getBytes(StandardCharsets.UTF_8),
            value,
            "decode",
            new IllegalArgumentException("unknown magic byte"),
            Instant.parse("2026-01-01T00:00:00Z"));

    ProducerRecord<byte[], byte[]> record =
        new DeadLetterSerializer().serialize(letter, null, null);

    assertThat(record.topic()).isEqualTo("clicks.dlq");
    assertThat(record.key()).isEqualTo("link-1".getBytes(StandardCharsets.UTF_8));
    assertThat(record.value()).isEqualTo(value);
    assertThat(DeadLetters.read(record.headers()))
        .containsEntry(DeadLetters.REASON, "unknown magic byte")
        .containsEntry(DeadLetters.ERROR_CLASS, IllegalArgumentException.class.getName())
        .containsEntry(DeadLetters.SOURCE_TOPIC, "clicks")
        .containsEntry(DeadLetters.SOURCE_PARTITION, "3")
        .containsEntry(DeadLetters.SOURCE_OFFSET, "42")
        .containsEntry(DeadLetters.STAGE, "decode")
        .containsEntry(DeadLetters.FAILED_AT, "2026-01-01T00:00:00Z");
  }

  @Test
  void aRuleBasedRejectionCarriesNoErrorClass() {
    DeadLetter letter =
        DeadLetter.ofRejection(
            "conversions", "store:o-1", new byte[] {1}, "attribution", "late", Instant.EPOCH);

    ProducerRecord<byte[], byte[]> record =
        new DeadLetterSerializer().serialize(letter, null, null);

    assertThat(record.topic()).isEqualTo("conversions.dlq");
    assertThat(DeadLetters.read(record.headers()))
        .containsEntry(DeadLetters.REASON, "late")
        .doesNotContainKey(DeadLetters.ERROR_CLASS)
        .doesNotContainKey(DeadLetters.SOURCE_OFFSET);
  }
}
