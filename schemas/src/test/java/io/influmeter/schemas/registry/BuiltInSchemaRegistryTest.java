package io.influmeter.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influmeter.events.ClickEvent;
import io.influmeter.schemas.TopicSpec;
import io.influmeter.schemas.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class BuiltInSchemaRegistryTest {

  @Test
  void twoSeparateRegistriesGiveTheSameIdForTheSameSchema() {
    BuiltInSchemaRegistry first = BuiltInSchemaRegistry.empty();
    BuiltInSchemaRegistry second = new BuiltInSchemaRegistry();
    Schema reparsed = new Schema.Parser().parse(ClickEvent.getClassSchema().toString());

    int firstId = first.register("clicks-value", ClickEvent.getClassSchema());
    int secondId = second.register("another-subject", reparsed);

    assertThat(firstId).isEqualTo(secondId).isPositive();
    assertThat(firstId).isEqualTo(BuiltInSchemaRegistry.idOf(ClickEvent.getClassSchema()));
  }

  @Test
  void registeringTheSameSchemaTwiceReturnsTheSameIdWithoutANewVersion() {
    BuiltInSchemaRegistry registry = BuiltInSchemaRegistry.empty();

    int id = registry.register("s", ClickEvent.getClassSchema());
    int again = registry.register("s", ClickEvent.getClassSchema());

    assertThat(again).isEqualTo(id);
    assertThat(registry.versions("s")).containsExactly(1);
    assertThat(registry.byId(id)).isEqualTo(ClickEvent.getClassSchema());
  }

  @Test
  void aNewRegistryAlreadyKnowsEveryCommittedVersionOfEveryTopic() {
    BuiltInSchemaRegistry registry = new BuiltInSchemaRegistry();

    for (TopicSpec<? extends SpecificRecord> topic : Topics.valueTopics()) {
      RegisteredSchema latest = registry.latest(topic.valueSubject());
      assertThat(SchemaNormalization.toParsingForm(latest.schema()))
          .isEqualTo(SchemaNormalization.toParsingForm(topic.valueSchema()));
      assertThat(registry.byId(BuiltInSchemaRegistry.idOf(topic.valueSchema()))).isNotNull();
    }
    assertThat(registry.subjects()).contains("clicks-value", "ai.triggers-value");
  }

  @Test
  void anIncompatibleSchemaIsRefusedLikeConfluentWould() {
    BuiltInSchemaRegistry registry = new BuiltInSchemaRegistry();
    Schema breaking =
        SchemaBuilder.record("ClickEvent")
            .namespace("io.influmeter.events")
            .fields()
            .requiredString("click_id")
            .requiredLong("brand_new_required_field")
            .endRecord();

    assertThat(registry.isCompatible("clicks-value", breaking)).isFalse();
    assertThatThrownBy(() -> registry.register("clicks-value", breaking))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(409);
              assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
            });
  }

  @Test
  void unknownIdsSubjectsAndVersionsCarryConfluentErrorCodes() {
    BuiltInSchemaRegistry registry = new BuiltInSchemaRegistry();

    assertThatThrownBy(() -> registry.byId(42))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    assertThatThrownBy(() -> registry.versions("nope-value"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
    assertThatThrownBy(() -> registry.version("clicks-value", 99))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40402));
  }

  @Test
  void anUnknownSubjectIsCompatibleWithAnything() {
    assertThat(BuiltInSchemaRegistry.empty().isCompatible("new-value", ClickEvent.getClassSchema()))
        .isTrue();
  }

  @Test
  void withoutAUrlTheBuiltInRegistryIsChosen() {
    assertThat(SchemaRegistries.fromUrl(null)).isInstanceOf(BuiltInSchemaRegistry.class);
    assertThat(SchemaRegistries.fromUrl(" ")).isInstanceOf(BuiltInSchemaRegistry.class);
    assertThat(SchemaRegistries.fromUrl("http://localhost:8081"))
        .isInstanceOf(ConfluentSchemaRegistryClient.class);
  }
}
