package io.influmeter.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes on a topic could not be turned into a record: bad magic byte, unknown schema id, truncated
 * or empty payload. Unchecked, and a Kafka {@link SerializationException} so consumers treat it as
 * a poison record; the message names the topic and, when known, the partition and offset, so the
 * caller can send the record to its dead-letter topic with a useful reason.
 */
public class RecordDecodingException extends SerializationException {

  private static final long serialVersionUID = 1L;

  private final String topic;
  private final int partition;
  private final long offset;

  public RecordDecodingException(
      String topic, int partition, long offset, String problem, Throwable cause) {
    super(describe(topic, partition, offset, problem, cause), cause);
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
  }

  /** Topic the bytes came from. */
  public String topic() {
    return topic;
  }

  /** Partition the bytes came from, or -1 when unknown. */
  public int partition() {
    return partition;
  }

  /** Offset of the record, or -1 when unknown. */
  public long offset() {
    return offset;
  }

  private static String describe(
      String topic, int partition, long offset, String problem, Throwable cause) {
    StringBuilder message = new StringBuilder("Cannot decode record from topic ").append(topic);
    if (partition >= 0) {
      message.append(" partition ").append(partition);
    }
    if (offset >= 0) {
      message.append(" offset ").append(offset);
    }
    message.append(": ").append(problem);
    if (cause != null) {
      message.append(" (").append(cause.getClass().getSimpleName());
      if (cause.getMessage() != null) {
        message.append(": ").append(cause.getMessage());
      }
      message.append(')');
    }
    return message.toString();
  }
}
