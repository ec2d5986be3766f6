package io.influmeter.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.api.support.ApiTest;
import io.javalin.http.HandlerType;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OpenApiDocumentTest extends ApiTest {
  private static final Set<HandlerType> HTTP_METHODS =
      Set.of(
          HandlerType.GET,
          HandlerType.POST,
          HandlerType.PUT,
          HandlerType.PATCH,
          HandlerType.DELETE);

  private Set<String> documented(JsonNode document) {
    Set<String> operations = new HashSet<>();
    Iterator<String> paths = document.get("paths").fieldNames();
    while (paths.hasNext()) {
      String path = paths.next();
      document
          .get("paths")
          .get(path)
          .fieldNames()
          .forEachRemaining(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path));
    }
    return operations;
  }

  @Test
  void the_document_describes_exactly_the_routes_the_server_serves() {
    var document = http.get("/openapi.json").json();
    Set<String> served =
        api.server().javalin().unsafe.internalRouter.allHttpHandlers().stream()
            .map(parsed -> parsed.endpoint)
            .filter(endpoint -> HTTP_METHODS.contains(endpoint.method))
            .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
            .collect(Collectors.toSet());

    assertThat(document.get("openapi").asText()).startsWith("3.");
    assertThat(documented(document)).containsExactlyInAnyOrderElementsOf(served);
  }

  @Test
  void every_operation_states_its_roles_and_protected_ones_require_a_bearer_token() {
    var document = http.get("/openapi.json").json();

    for (Route route : api.server().routes()) {
      JsonNode operation =
          document
              .get("paths")
              .get(route.path())
              .get(route.method().name().toLowerCase(Locale.ROOT));
      assertThat(operation.get("x-roles").size()).as(route.key()).isPositive();
      assertThat(operation.has("security")).as(route.key()).isEqualTo(!route.access().anonymous());
      assertThat(operation.get("responses").has(Integer.toString(route.doc().status())))
          .as(route.key())
          .isTrue();
    }
  }

  @Test
  void every_schema_reference_resolves() {
    var document = http.get("/openapi.json").json();
    var schemas = document.at("/components/schemas");

    document
        .findValuesAsText("$ref")
        .forEach(
            ref ->
                assertThat(schemas.has(ref.substring(ref.lastIndexOf('/') + 1))).as(ref).isTrue());
  }

  @Test
  void the_docs_page_is_self_contained_and_allows_only_its_own_script() {
    var page = http.get("/docs");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body())
        .contains("/openapi.json")
        .doesNotContain("<script src")
        .doesNotContain("https://");
    assertThat(page.header("Content-Security-Policy"))
        .contains("script-src 'sha256-")
        .doesNotContain("unsafe-eval");
  }
}
