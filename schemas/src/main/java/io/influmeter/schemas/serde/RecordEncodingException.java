package io.influmeter.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record could not be encoded: its schema could not be registered (registry down, incompatible
 * change) or a required field was null. Unchecked; the message names the topic.
 */
public class RecordEncodingException extends SerializationException {

  private static final long serialVersionUID = 1L;

  public RecordEncodingException(String topic, String problem, Throwable cause) {
    super("Cannot encode record for topic " + topic + ": " + problem, cause);
  }
}
