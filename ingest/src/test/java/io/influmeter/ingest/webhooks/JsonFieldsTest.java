package io.influmeter.ingest.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Json#parseFields} must read the named fields exactly as {@link Json#parse} does and refuse
 * exactly what it refuses, though it builds no tree for the rest of the body.
 */
class JsonFieldsTest {

  private static final Set<String> FIELDS =
      Set.of("id", "currency", "total_price", "note_attributes", "customer", "transactions");

  static Stream<String> seedBodies() throws IOException {
    Path corpus = Path.of("src/test/resources/io/influmeter/ingest/webhooks");
    try (Stream<Path> files = Files.walk(corpus)) {
      List<String> bodies =
          files
              .filter(Files::isRegularFile)
              .map(
                  file -> {
                    try {
                      return Files.readString(file, StandardCharsets.ISO_8859_1);
                    } catch (IOException e) {
                      throw new IllegalStateException(e);
                    }
                  })
              .toList();
      assertThat(bodies).isNotEmpty();
      return bodies.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("seedBodies")
  @ValueSource(
      strings = {
        "{\"id\": 1, \"id\": 2, \"currency\": \"eur\"}",
        "{\"id\": 820982911946154508, \"total_price\": 10.50, \"line_items\": [{\"a\": [1, {}]}]}",
        "{\"total_price\": \"1E+2\", \"customer\": {\"email\": \"a@b.c\"}, \"x\": null}",
        "{\"id\": null, \"currency\": true, \"note_attributes\": [], \"total_price\": 1e3}",
        "{}",
        "{\"line_items\": [1, 2,]}",
        "{\"line_items\": [1, 2]} {}",
        "{\"line_items\": [1, 2]} x",
        "[1, 2]",
        "\"text\"",
        "",
        "{\"id\": 1",
        "{\"line_items\": 01}",
        "{\"line_items\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
      })
  void readsTheNamedFieldsAsTheFullTreeDoesAndRefusesWhatItRefuses(String text) throws Exception {
    byte[] body = text.getBytes(StandardCharsets.ISO_8859_1);
    JsonNode full;
    try {
      full = Json.parse(body);
    } catch (MalformedWebhookException refused) {
      assertThatThrownBy(() -> Json.parseFields(body, FIELDS))
          .isInstanceOf(MalformedWebhookException.class);
      return;
    }
    ObjectNode expected = Json.MAPPER.createObjectNode();
    full.fields()
        .forEachRemaining(
            field -> {
              if (FIELDS.contains(field.getKey())) {
                expected.set(field.getKey(), field.getValue());
              }
            });

    assertThat(Json.parseFields(body, FIELDS)).isEqualTo(expected);
  }
}
