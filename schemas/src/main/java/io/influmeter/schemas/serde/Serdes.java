package io.influmeter.schemas.serde;

import io.influmeter.schemas.TopicSpec;
import io.influmeter.schemas.registry.SchemaRegistry;
import org.apache.avro.specific.SpecificRecord;

/** Serdes from the topic catalog, so callers never pick a value class by hand. */
public final class Serdes {

  private Serdes() {}

  /**
   * The serde of a topic's values.
   *
   * @throws IllegalArgumentException for a dead-letter topic, whose values are raw bytes
   */
  public static <V extends SpecificRecord> AvroSerde<V> forTopic(
      TopicSpec<V> topic, SchemaRegistry registry) {
    if (topic.isDeadLetter()) {
      throw new IllegalArgumentException(
          "dead-letter topic " + topic.name() + " holds raw bytes: use a byte-array serde");
    }
    return new AvroSerde<>(topic.valueClass(), registry);
  }
}
