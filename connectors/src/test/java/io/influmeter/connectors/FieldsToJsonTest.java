package io.influmeter.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influmeter.connectors.transforms.FieldsToJson;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class FieldsToJsonTest {

  private static final Schema CREDIT =
      SchemaBuilder.struct()
          .name("Credit")
          .field("influencer_id", Schema.STRING_SCHEMA)
          .field("commission_minor", Schema.INT64_SCHEMA)
          .build();
  private static final Schema ORDER =
      SchemaBuilder.struct()
          .name("Order")
          .field("order_id", Schema.STRING_SCHEMA)
          .field("credits", SchemaBuilder.array(CREDIT).build())
          .build();

  private static FieldsToJson<SinkRecord> transform() {
    FieldsToJson<SinkRecord> transform = new FieldsToJson<>();
    transform.configure(Map.of(FieldsToJson.FIELDS, "credits"));
    return transform;
  }

  @Test
  void aNestedArrayBecomesJsonTextTypedAsDebeziumJson() {
    Struct order =
        new Struct(ORDER)
            .put("order_id", "1001")
            .put(
                "credits",
                List.of(
                    new Struct(CREDIT)
                        .put("influencer_id", "murugi")
                        .put("commission_minor", 25_000L),
                    new Struct(CREDIT)
                        .put("influencer_id", "njugush")
                        .put("commission_minor", 5L)));

    SinkRecord out =
        transform().apply(new SinkRecord("attributions", 0, null, "k", ORDER, order, 7));

    Struct value = (Struct) out.value();
    assertThat(value.getString("order_id")).isEqualTo("1001");
    assertThat(value.getString("credits"))
        .isEqualTo(
            "[{\"influencer_id\":\"murugi\",\"commission_minor\":25000},"
                + "{\"influencer_id\":\"njugush\",\"commission_minor\":5}]");
    assertThat(out.valueSchema().field("credits").schema().name())
        .isEqualTo(FieldsToJson.JSON_SCHEMA_NAME);
    assertThat(out.kafkaOffset()).isEqualTo(7);
  }

  @Test
  void tombstonesAndNonStructValuesPassUnchanged() {
    SinkRecord tombstone = new SinkRecord("attributions", 0, null, "k", null, null, 1);
    assertThat(transform().apply(tombstone)).isSameAs(tombstone);
    SinkRecord text = new SinkRecord("t", 0, null, "k", Schema.STRING_SCHEMA, "x", 2);
    assertThat(transform().apply(text)).isSameAs(text);
  }

  @Test
  void aTransformWithoutFieldsIsAConfigurationError() {
    assertThatThrownBy(() -> new FieldsToJson<SinkRecord>().configure(Map.of()))
        .hasMessageContaining("fields");
  }
}
