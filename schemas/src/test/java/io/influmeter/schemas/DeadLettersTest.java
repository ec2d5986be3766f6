package io.influmeter.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  private static final Instant FAILED_AT = Instant.parse("2025-01-02T03:04:05Z");

  @Test
  void headersFromAnExceptionCarryReasonClassSourceAndTime() {
    Exception error =
        new IllegalStateException("bad record", new IllegalArgumentException("unknown id 7"));

    List<Header> headers = DeadLetters.headers("clicks", 2, 42L, "decode", error, FAILED_AT);

    assertThat(DeadLetters.read(new RecordHeaders(headers)))
        .containsEntry(DeadLetters.REASON, "bad record <- unknown id 7")
        .containsEntry(DeadLetters.ERROR_CLASS, "java.lang.IllegalStateException")
        .containsEntry(DeadLetters.SOURCE_TOPIC, "clicks")
        .containsEntry(DeadLetters.SOURCE_PARTITION, "2")
        .containsEntry(DeadLetters.SOURCE_OFFSET, "42")
        .containsEntry(DeadLetters.STAGE, "decode")
        .containsEntry(DeadLetters.FAILED_AT, "2025-01-02T03:04:05Z");
  }

  @Test
  void unknownPartitionAndOffsetAreLeftOutAndLongReasonsAreCut() {
    List<Header> headers =
        DeadLetters.headers("conversions", -1, -1L, "webhook", "x".repeat(5000), FAILED_AT);

    assertThat(DeadLetters.read(new RecordHeaders(headers)))
        .doesNotContainKeys(
            DeadLetters.SOURCE_PARTITION, DeadLetters.SOURCE_OFFSET, DeadLetters.ERROR_CLASS)
        .hasEntrySatisfying(
            DeadLetters.REASON, reason -> assertThat(reason).hasSize(DeadLetters.MAX_REASON_CHARS));
  }
}
