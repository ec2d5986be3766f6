package io.influmeter.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Headers of a dead letter: the original key and bytes go to {@code <topic>.dlq} unchanged, and
 * these headers say why, from where and when. Every producer of dead letters (ingest, Flink jobs,
 * Connect) builds them here so one tool can read them all.
 */
public final class DeadLetters {

  public static final String REASON = "dlq.reason";
  public static final String ERROR_CLASS = "dlq.error.class";
  public static final String SOURCE_TOPIC = "dlq.source.topic";
  public static final String SOURCE_PARTITION = "dlq.source.partition";
  public static final String SOURCE_OFFSET = "dlq.source.offset";
  public static final String STAGE = "dlq.stage";
  public static final String FAILED_AT = "dlq.failed.at";

  /** Header names in the order {@link #headers} writes them (immutable). */
  public static final List<String> HEADER_NAMES =
      List.of(REASON, ERROR_CLASS, SOURCE_TOPIC, SOURCE_PARTITION, SOURCE_OFFSET, STAGE, FAILED_AT);

  // Kafka headers count against max.message.bytes; a stack of nested messages must not push the
  // dead letter itself over the limit.
  static final int MAX_REASON_CHARS = 2000;

  private DeadLetters() {}

  /**
   * Headers for a record that failed with an exception.
   *
   * @param sourceTopic topic the record came from (or was meant for)
   * @param partition source partition, or a negative number when unknown
   * @param offset source offset, or a negative number when unknown
   * @param stage what was being done, e.g. "decode", "attribution", "webhook"
   * @param error the failure; its message (or class name) becomes the reason
   * @param failedAt when it failed
   */
  public static List<Header> headers(
      String sourceTopic,
      int partition,
      long offset,
      String stage,
      Throwable error,
      Instant failedAt) {
    return build(
        sourceTopic,
        partition,
        offset,
        stage,
        reasonOf(error),
        error.getClass().getName(),
        failedAt);
  }

  /** Headers for a record rejected by a rule rather than an exception (no error class header). */
  public static List<Header> headers(
      String sourceTopic,
      int partition,
      long offset,
      String stage,
      String reason,
      Instant failedAt) {
    return build(sourceTopic, partition, offset, stage, reason, null, failedAt);
  }

  /** Reads the dead-letter headers back into a name -> value map (only those present). */
  public static Map<String, String> read(Headers headers) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : HEADER_NAMES) {
      Header header = headers.lastHeader(name);
      if (header != null && header.value() != null) {
        values.put(name, new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    return Map.copyOf(values);
  }

  private static List<Header> build(
      String sourceTopic,
      int partition,
      long offset,
      String stage,
      String reason,
      String errorClass,
      Instant failedAt) {
    List<Header> headers = new ArrayList<>();
    add(headers, REASON, truncate(reason == null || reason.isBlank() ? "unknown" : reason));
    if (errorClass != null) {
      add(headers, ERROR_CLASS, errorClass);
    }
    add(headers, SOURCE_TOPIC, sourceTopic);
    if (partition >= 0) {
      add(headers, SOURCE_PARTITION, Integer.toString(partition));
    }
    if (offset >= 0) {
      add(headers, SOURCE_OFFSET, Long.toString(offset));
    }
    add(headers, STAGE, stage);
    add(headers, FAILED_AT, failedAt == null ? null : failedAt.toString());
    return List.copyOf(headers);
  }

  private static void add(List<Header> headers, String name, String value) {
    if (value != null) {
      headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static String reasonOf(Throwable error) {
    StringBuilder reason = new StringBuilder();
    Throwable current = error;
    // The root cause is usually the useful part ("Unknown schema id 7"); keep the chain short.
    for (int depth = 0; current != null && depth < 4; depth++) {
      if (reason.length() > 0) {
        reason.append(" <- ");
      }
      String message = current.getMessage();
      reason.append(message == null ? current.getClass().getSimpleName() : message);
      current = current.getCause() == current ? null : current.getCause();
    }
    return reason.toString();
  }

  private static String truncate(String value) {
    return value.length() <= MAX_REASON_CHARS ? value : value.substring(0, MAX_REASON_CHARS);
  }
}
