package io.influmeter.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influmeter.events.AttributedConversion;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class WireFormatAvroConverterTest {

  private final BuiltInSchemaRegistry registry = new BuiltInSchemaRegistry();

  private WireFormatAvroConverter converter(boolean isKey) {
    WireFormatAvroConverter converter = new WireFormatAvroConverter();
    converter.configure(registry, isKey);
    return converter;
  }

  private static AttributedConversion attribution() {
    return AttributedConversion.newBuilder(Attributions.sample())
        .setRefundedAmountMinor(50_000)
        .setNetAmountMinor(200_000)
        .setCommissionMinor(20_000)
        .setRevision(2)
        .build();
  }

  @Test
  void aCatalogRecordWrittenByTheProjectSerdeBecomesAConnectStructWithTheSameFields() {
    AvroSerde<AttributedConversion> serde = Serdes.forTopic(Topics.ATTRIBUTIONS, registry);
    byte[] bytes = serde.encode(Topics.ATTRIBUTIONS.name(), attribution());

    SchemaAndValue connect = converter(false).toConnectData(Topics.ATTRIBUTIONS.name(), bytes);

    Struct struct = (Struct) connect.value();
    assertThat(struct.getString("order_id")).isEqualTo("1001");
    assertThat(struct.getInt64("commission_minor")).isEqualTo(20_000L);
    assertThat(struct.getString("method")).isEqualTo("CLICK_ID");
    assertThat(struct.get("order_time"))
        .isEqualTo(java.util.Date.from(Instant.parse("2026-11-25T10:00:00Z")));
    assertThat(connect.schema().field("order_time").schema().name())
        .isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(struct.getString("promo_code")).isNull();
    assertThat(struct.getArray("credits")).hasSize(1);
  }

  @Test
  void aConnectStructRoundTripsThroughTheWireFormatWithDecimalsTimestampsAndOptionalFields() {
    Schema schema =
        SchemaBuilder.struct()
            .name("io.influmeter.cdc.ReferralLinkRow")
            .field("id", Schema.STRING_SCHEMA)
            .field("slug", Schema.STRING_SCHEMA)
            .field(
                "fixed_commission",
                Decimal.builder(2).parameter("connect.decimal.precision", "12").build())
            .field("fallback_url", Schema.OPTIONAL_STRING_SCHEMA)
            .field("updated_at", Timestamp.SCHEMA)
            .build();
    Struct row =
        new Struct(schema)
            .put("id", "7d0f5a3e-2a8b-4a51-9e1c-2f5b6f1e9a01")
            .put("slug", "murugi")
            .put("fixed_commission", new BigDecimal("150.25"))
            .put("fallback_url", null)
            .put("updated_at", java.util.Date.from(Instant.parse("2026-11-25T09:00:00Z")));

    byte[] bytes = converter(false).fromConnectData("cdc.referral_links", schema, row);
    SchemaAndValue back = converter(false).toConnectData("cdc.referral_links", bytes);

    assertThat(bytes[0]).isZero();
    assertThat(back.value()).isEqualTo(row);
    assertThat(registry.subjects()).contains("cdc.referral_links-value");
  }

  @Test
  void keysRegisterUnderTheKeySubject() {
    byte[] bytes =
        converter(true).fromConnectData("attributions", Schema.STRING_SCHEMA, "store-1:1001");
    assertThat(converter(true).toConnectData("attributions", bytes).value())
        .isEqualTo("store-1:1001");
    assertThat(registry.subjects()).contains("attributions-key");
  }

  @Test
  void nullsStayTombstonesBothWays() {
    assertThat(converter(false).fromConnectData("referral.links", null, null)).isNull();
    assertThat(converter(false).toConnectData("referral.links", null))
        .isEqualTo(SchemaAndValue.NULL);
  }

  @Test
  void bytesThatAreNotTheWireFormatGiveADataExceptionNamingTheTopic() {
    assertThatThrownBy(
            () -> converter(false).toConnectData("attributions", "{\"json\":1}".getBytes()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("attributions")
        .hasMessageContaining("magic byte");
    byte[] unknownId = {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 3};
    assertThatThrownBy(() -> converter(false).toConnectData("attributions", unknownId))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("unknown schema id");
  }

  @Test
  void theConverterIsConfigurableTheWayAWorkerConfiguresIt() {
    WireFormatAvroConverter fromConfig = new WireFormatAvroConverter();
    fromConfig.configure(Map.of(), false);
    byte[] bytes = fromConfig.fromConnectData("t", Schema.INT64_SCHEMA, 42L);
    assertThat(fromConfig.toConnectData("t", bytes).value()).isEqualTo(42L);
    assertThat(fromConfig.config().names()).contains(WireFormatAvroConverter.REGISTRY_URL);
  }
}
