package io.influmeter.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.ReferralLink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryHttpServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BuiltInSchemaRegistry registry = new BuiltInSchemaRegistry();
  private final HttpClient http = HttpClient.newHttpClient();
  private SchemaRegistryHttpServer server;

  @BeforeEach
  void start() {
    server = new SchemaRegistryHttpServer(registry, "127.0.0.1", 0);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aSchemaIsServedByItsId() throws Exception {
    int id = BuiltInSchemaRegistry.idOf(ClickEvent.getClassSchema());

    HttpResponse<String> response = get("/schemas/ids/" + id);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .contains("application/vnd.schemaregistry.v1+json");
    Schema served =
        new Schema.Parser().parse(JSON.readTree(response.body()).get("schema").asText());
    assertThat(canonical(served)).isEqualTo(canonical(ClickEvent.getClassSchema()));
    Schema raw = new Schema.Parser().parse(get("/schemas/ids/" + id + "/schema").body());
    assertThat(canonical(raw)).isEqualTo(canonical(ClickEvent.getClassSchema()));
  }

  @Test
  void subjectsAndVersionsAreListed() throws Exception {
    assertThat(JSON.readTree(get("/subjects").body()))
        .extracting(JsonNode::toString)
        .asString()
        .contains("\"clicks-value\"", "\"referral.links-value\"");
    assertThat(get("/subjects/referral.links-value/versions").body()).isEqualTo("[1]");

    JsonNode latest = JSON.readTree(get("/subjects/referral.links-value/versions/latest").body());
    assertThat(latest.get("subject").asText()).isEqualTo("referral.links-value");
    assertThat(latest.get("version").asInt()).isEqualTo(1);
    assertThat(latest.get("id").asInt())
        .isEqualTo(BuiltInSchemaRegistry.idOf(ReferralLink.getClassSchema()));
    assertThat(get("/subjects/referral.links-value/versions/1").body())
        .isEqualTo(get("/subjects/referral.links-value/versions/latest").body());
  }

  @Test
  void unknownIdsSubjectsAndVersionsAnswerConfluentErrors() throws Exception {
    assertError(get("/schemas/ids/1"), 404, 40403);
    assertError(get("/subjects/nope-value/versions"), 404, 40401);
    assertError(get("/subjects/clicks-value/versions/9"), 404, 40402);
    assertError(get("/subjects/clicks-value/versions/abc"), 422, 42202);
    assertError(get("/no/such/endpoint"), 404, 404);
  }

  @Test
  void writesAreRefusedBecauseTheServerIsReadOnly() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/subjects/clicks-value/versions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"\\\"string\\\"\"}"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertError(response, 405, 405);
  }

  @Test
  void theConfluentClientReadsBackWhatTheServerServes() {
    ConfluentSchemaRegistryClient client =
        new ConfluentSchemaRegistryClient("http://127.0.0.1:" + server.port());
    int id = BuiltInSchemaRegistry.idOf(ClickEvent.getClassSchema());

    assertThat(canonical(client.byId(id))).isEqualTo(canonical(ClickEvent.getClassSchema()));
    assertThat(client.latest("clicks-value").id()).isEqualTo(id);
    assertThat(client.versions("clicks-value")).containsExactly(1);
    assertThat(client.subjects()).isEqualTo(registry.subjects());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static void assertError(HttpResponse<String> response, int status, int errorCode)
      throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("error_code").asInt()).isEqualTo(errorCode);
    assertThat(body.get("message").asText()).isNotBlank();
  }

  private static String canonical(Schema schema) {
    return SchemaNormalization.toParsingForm(schema);
  }
}
