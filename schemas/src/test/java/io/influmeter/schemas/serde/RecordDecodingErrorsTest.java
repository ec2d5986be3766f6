package io.influmeter.schemas.serde;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influmeter.events.ClickEvent;
import io.influmeter.schemas.RandomRecords;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordDecodingErrorsTest {

  private final BuiltInSchemaRegistry registry = new BuiltInSchemaRegistry();
  private final AvroSerde<ClickEvent> serde = Serdes.forTopic(Topics.CLICKS, registry);

  @Test
  void garbageBytesAreReportedWithTopicPartitionAndOffset() {
    byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> serde.decode("clicks", 4, 1234L, garbage))
        .isInstanceOf(RecordDecodingException.class)
        .hasMessageContaining("clicks")
        .hasMessageContaining("partition 4")
        .hasMessageContaining("offset 1234")
        .hasMessageContaining("magic byte");
  }

  @Test
  void anUnknownSchemaIdIsReportedAsSuch() {
    byte[] bytes = WireFormat.frame(123_456, new byte[] {2, 'a'});

    assertThatThrownBy(() -> serde.decode("clicks", 0, 77L, bytes))
        .isInstanceOf(RecordDecodingException.class)
        .hasMessageContaining("clicks")
        .hasMessageContaining("offset 77")
        .hasMessageContaining("unknown schema id 123456");
  }

  @Test
  void aTruncatedRecordIsReportedNotLeakedAsAnAvroException() {
    byte[] whole = serde.encode("clicks", new RandomRecords(3).next(ClickEvent.class));
    byte[] truncated = Arrays.copyOf(whole, whole.length - 3);

    assertThatThrownBy(() -> serde.decode("clicks", 1, 5L, truncated))
        .isInstanceOf(RecordDecodingException.class)
        .hasMessageContaining("clicks")
        .hasMessageContaining("offset 5")
        .hasMessageContaining("truncated");
  }

  @Test
  void aTruncatedHeaderIsReported() {
    assertThatThrownBy(() -> serde.decode("clicks", 1, 6L, new byte[] {0, 0, 1}))
        .isInstanceOf(RecordDecodingException.class)
        .hasMessageContaining("offset 6")
        .hasMessageContaining("truncated header");
  }

  @Test
  void anEmptyArrayIsReported() {
    assertThatThrownBy(() -> serde.decode("clicks", 0, 8L, new byte[0]))
        .isInstanceOf(RecordDecodingException.class)
        .hasMessageContaining("clicks")
        .hasMessageContaining("offset 8")
        .hasMessageContaining("empty");
  }

  @Test
  void trailingBytesAfterTheRecordAreReported() {
    byte[] whole = serde.encode("clicks", new RandomRecords(4).next(ClickEvent.class));
    byte[] padded = Arrays.copyOf(whole, whole.length + 2);

    assertThatThrownBy(() -> serde.decode("clicks", 0, 9L, padded))
        .isInstanceOf(RecordDecodingException.class)
        .hasMessageContaining("offset 9")
        .hasMessageContaining("trailing bytes");
  }

  @Test
  void randomBodiesBehindAValidHeaderNeverEscapeAsAnotherException() {
    int clickId = BuiltInSchemaRegistry.idOf(ClickEvent.getClassSchema());
    Random random = new Random(11);
    for (int i = 0; i < 2_000; i++) {
      byte[] body = new byte[random.nextInt(64)];
      random.nextBytes(body);
      byte[] bytes = WireFormat.frame(clickId, body);
      long offset = i;
      try {
        serde.decode("clicks", 0, offset, bytes);
      } catch (RecordDecodingException expected) {
        // The only exception a caller has to handle.
      }
    }
  }

  @Test
  void theKafkaDeserializerNamesTheTopicWithoutAnOffset() {
    assertThatThrownBy(() -> serde.deserialize("clicks", new byte[] {7}))
        .isInstanceOf(RecordDecodingException.class)
        .hasMessageContaining("topic clicks")
        .hasMessageNotContaining("offset");
  }
}
