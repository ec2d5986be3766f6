package io.influmeter.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.schemas.Topics;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the contract with data already in Kafka: every current schema must read every committed
 * version, and every change must be committed as a new version so other processes can decode it.
 */
class SchemaHistoryCompatibilityTest {

  static Stream<String> recordNames() {
    return Topics.valueTopics().stream().map(topic -> topic.valueClass().getSimpleName());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordNames")
  void theCurrentSchemaReadsEveryCommittedVersion(String recordName) {
    Schema current = currentSchema(recordName);
    List<Schema> history = SchemaHistory.versionsOf(recordName);

    for (int index = 0; index < history.size(); index++) {
      SchemaPairCompatibility result =
          SchemaCompatibility.checkReaderWriterCompatibility(current, history.get(index));
      assertThat(result.getType())
          .as(
              "%s cannot read data written with %s: %s. Make the change backward compatible (new"
                  + " fields need defaults; do not remove enum symbols or change types).",
              recordName,
              SchemaHistory.resourcePath(recordName, index + 1),
              result.getDescription())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordNames")
  void theCurrentSchemaIsTheLatestCommittedVersion(String recordName) {
    List<Schema> history = SchemaHistory.versionsOf(recordName);
    assertThat(history)
        .as(
            "no committed version of %s: add %s with the current schema",
            recordName, SchemaHistory.resourcePath(recordName, 1))
        .isNotEmpty();

    int latest = history.size();
    assertThat(SchemaNormalization.toParsingForm(currentSchema(recordName)))
        .as(
            "%s changed since %s. If the change is intended (and the compatibility test passes),"
                + " add %s containing the current schema (%s.getClassSchema().toString(true)).",
            recordName,
            SchemaHistory.resourcePath(recordName, latest),
            SchemaHistory.resourcePath(recordName, latest + 1),
            recordName)
        .isEqualTo(SchemaNormalization.toParsingForm(history.get(latest - 1)));
  }

  private static Schema currentSchema(String recordName) {
    return Topics.valueTopics().stream()
        .filter(topic -> topic.valueClass().getSimpleName().equals(recordName))
        .findFirst()
        .orElseThrow()
        .valueSchema();
  }
}
