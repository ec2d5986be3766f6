package io.influmeter.jobs.common;

import io.influmeter.schemas.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record that a job could not (or may not) process: the original key and value bytes plus why.
 * {@link DeadLetterSerializer} writes it to {@code <sourceTopic>.dlq} with the {@code
 * io.influmeter.schemas.DeadLetters} headers. A Flink POJO (public fields, no-arg constructor), so
 * it never falls back to Kryo.
 */
public class DeadLetter {

  /** Topic the record came from (the dead letter goes to its {@code .dlq}). */
  public String sourceTopic;

  /** Source partition, or -1 when unknown (e.g. a record rejected after re-encoding). */
  public int partition = -1;

  /** Source offset, or -1 when unknown. */
  public long offset = -1L;

  /** Original key bytes (may be null). */
  public byte[] key;

  /** Original value bytes in the Confluent wire format, or as read (may be null). */
  public byte[] value;

  /** What was being done: {@code decode}, {@code attribution}, ... */
  public String stage;

  /** Human-readable reason; becomes the {@code dlq.reason} header. */
  public String reason;

  /** Class of the exception, or null for a rule-based rejection. */
  public String errorClass;

  /** When the job rejected the record (epoch millis). */
  public long failedAtMillis;

  public DeadLetter() {}

  /** A dead letter for bytes that failed with an exception (e.g. decoding). */
  public static DeadLetter ofFailure(
      String sourceTopic,
      int partition,
      long offset,
      byte[] key,
      byte[] value,
      String stage,
      Throwable error,
      Instant failedAt) {
    DeadLetter letter = of(sourceTopic, partition, offset, key, value, stage, failedAt);
    String message = error.getMessage();
    letter.reason = message == null ? error.getClass().getSimpleName() : message;
    letter.errorClass = error.getClass().getName();
    return letter;
  }

  /** A dead letter for a record rejected by a rule (late, out of policy, unknown reference). */
  public static DeadLetter ofRejection(
      String sourceTopic, String key, byte[] value, String stage, String reason, Instant failedAt) {
    DeadLetter letter =
        of(
            sourceTopic,
            -1,
            -1L,
            key == null ? null : key.getBytes(StandardCharsets.UTF_8),
            value,
            stage,
            failedAt);
    letter.reason = reason;
    return letter;
  }

  private static DeadLetter of(
      String sourceTopic,
      int partition,
      long offset,
      byte[] key,
      byte[] value,
      String stage,
      Instant failedAt) {
    DeadLetter letter = new DeadLetter();
    letter.sourceTopic = Objects.requireNonNull(sourceTopic, "sourceTopic");
    letter.partition = partition;
    letter.offset = offset;
    letter.key = key;
    letter.value = value;
    letter.stage = stage;
    letter.failedAtMillis = failedAt.toEpochMilli();
    return letter;
  }

  /** The topic this dead letter is written to: {@code <sourceTopic>.dlq}. */
  public String deadLetterTopic() {
    return sourceTopic.endsWith(TopicSpec.DEAD_LETTER_SUFFIX)
        ? sourceTopic
        : sourceTopic + TopicSpec.DEAD_LETTER_SUFFIX;
  }

  /** The key as UTF-8 text, or null. */
  public String keyText() {
    return key == null ? null : new String(key, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof DeadLetter that)) {
      return false;
    }
    return partition == that.partition
        && offset == that.offset
        && failedAtMillis == that.failedAtMillis
        && Objects.equals(sourceTopic, that.sourceTopic)
        && Arrays.equals(key, that.key)
        && Arrays.equals(value, that.value)
        && Objects.equals(stage, that.stage)
        && Objects.equals(reason, that.reason)
        && Objects.equals(errorClass, that.errorClass);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sourceTopic, partition, offset, stage, reason);
  }

  @Override
  public String toString() {
    return "DeadLetter{"
        + sourceTopic
        + "/"
        + partition
        + "@"
        + offset
        + ", stage="
        + stage
        + ", reason="
        + reason
        + "}";
  }
}
