package io.influmeter.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.events.ClickEvent;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

  @Test
  void aNewerReaderReadsBytesWrittenWithAnOlderSchema() throws IOException {
    Schema older = olderClickSchema();
    assertThat(older.getField("bot_reason")).isNull();
    BuiltInSchemaRegistry registry = new BuiltInSchemaRegistry();
    int olderId = registry.register(Topics.CLICKS.valueSubject(), older);
    byte[] bytes = WireFormat.frame(olderId, writeOlderClick(older));

    ClickEvent click = Serdes.forTopic(Topics.CLICKS, registry).decode("clicks", 3, 99L, bytes);

    assertThat(click.getClickId()).isEqualTo("01JABCDEF");
    assertThat(click.getSlug()).isEqualTo("murugi25");
    assertThat(click.getIsBot()).isTrue();
    assertThat(click.getUtm()).containsEntry("utm_source", "instagram");
    assertThat(click.getEventTime().toEpochMilli()).isEqualTo(1_700_000_000_000L);
    assertThat(click.getBotReason()).as("field the older writer did not have").isNull();
  }

  @Test
  void theOlderSchemaGetsItsOwnIdAndTheCurrentOneStaysReadable() throws IOException {
    BuiltInSchemaRegistry registry = new BuiltInSchemaRegistry();
    int olderId = registry.register(Topics.CLICKS.valueSubject(), olderClickSchema());

    assertThat(olderId).isNotEqualTo(BuiltInSchemaRegistry.idOf(ClickEvent.getClassSchema()));
    assertThat(registry.isCompatible(Topics.CLICKS.valueSubject(), ClickEvent.getClassSchema()))
        .isTrue();
  }

  private static Schema olderClickSchema() throws IOException {
    try (InputStream in =
        SchemaEvolutionTest.class.getResourceAsStream(
            "/evolution/ClickEvent-before-bot_reason.avsc")) {
      return new Schema.Parser().parse(in);
    }
  }

  private static byte[] writeOlderClick(Schema older) throws IOException {
    GenericRecord record = new GenericData.Record(older);
    record.put("click_id", "01JABCDEF");
    record.put("slug", "murugi25");
    record.put("link_id", "link-1");
    record.put("campaign_id", "camp-1");
    record.put("influencer_id", "inf-1");
    record.put("brand_id", "brand-1");
    record.put("event_time", 1_700_000_000_000L);
    record.put("visitor_id", null);
    record.put("visitor_hash", "vh");
    record.put("user_agent", "Mozilla/5.0");
    record.put("device", null);
    record.put("os", null);
    record.put("browser", null);
    record.put("referrer", null);
    record.put("country", "KE");
    record.put("is_bot", true);
    record.put("utm", Map.of("utm_source", "instagram"));
    record.put("destination_url", "https://brand.example/p?im_click=01JABCDEF");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(older).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
