package io.influmeter.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.ConversionEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfluentSchemaRegistryClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Schema CLICK = ClickEvent.getClassSchema();

  private FakeConfluentRegistry fake;
  private ConfluentSchemaRegistryClient client;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeConfluentRegistry();
    client = new ConfluentSchemaRegistryClient(fake.url() + "/", Duration.ofSeconds(5), null);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void registerPostsTheSchemaAsAJsonStringAndCachesTheReturnedId() throws Exception {
    fake.respond("POST", "/subjects/clicks-value/versions", 200, "{\"id\":21}");

    int id = client.register("clicks-value", CLICK);
    int again = client.register("clicks-value", CLICK);

    assertThat(id).isEqualTo(21);
    assertThat(again).isEqualTo(21);
    assertThat(fake.requests()).hasSize(1);
    FakeConfluentRegistry.Request request = fake.lastRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.contentType()).isEqualTo(MEDIA_TYPE);
    assertThat(request.accept()).isEqualTo(MEDIA_TYPE);
    assertThat(JSON.readValue(request.body(), Map.class))
        .isEqualTo(Map.of("schema", CLICK.toString()));
  }

  @Test
  void subjectsAreUrlEncodedInThePath() {
    fake.respond("POST", "/subjects/my%20topic%2Fx-value/versions", 200, "{\"id\":3}");

    assertThat(client.register("my topic/x-value", CLICK)).isEqualTo(3);
    assertThat(fake.lastRequest().rawPath()).isEqualTo("/subjects/my%20topic%2Fx-value/versions");
  }

  @Test
  void byIdFetchesTheSchemaOnceAndThenServesItFromTheCache() throws Exception {
    fake.respond(
        "GET", "/schemas/ids/5", 200, JSON.writeValueAsString(Map.of("schema", CLICK.toString())));

    assertThat(client.byId(5)).isEqualTo(CLICK);
    assertThat(client.byId(5)).isEqualTo(CLICK);
    assertThat(fake.requests()).hasSize(1);
    assertThat(fake.lastRequest().method()).isEqualTo("GET");
    assertThat(fake.lastRequest().contentType()).isNull();
  }

  @Test
  void anUnknownIdBecomesASchemaNotFoundError() {
    fake.respond(
        "GET", "/schemas/ids/9", 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");

    assertThatThrownBy(() -> client.byId(9))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(404);
              assertThat(e.errorCode()).isEqualTo(40403);
              assertThat(e.getMessage()).contains("Schema not found");
            });
  }

  @Test
  void documentedErrorBodiesMapToStatusAndErrorCode() {
    expectError(
        409,
        "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an earlier schema\"}",
        409,
        409);
    expectError(
        422,
        "{\"error_code\":42201,\"message\":\"Input schema is an invalid Avro schema\"}",
        422,
        42201);
    expectError(
        500, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}", 500, 50001);
    expectError(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}", 401, 401);
    expectError(502, "<html>Bad gateway</html>", 502, 502);
  }

  @Test
  void compatibilityIsAskedAgainstTheLatestVersion() throws Exception {
    fake.respond(
        "POST",
        "/compatibility/subjects/conversions-value/versions/latest",
        200,
        "{\"is_compatible\":false}");

    assertThat(client.isCompatible("conversions-value", ConversionEvent.getClassSchema()))
        .isFalse();
    assertThat(fake.lastRequest().contentType()).isEqualTo(MEDIA_TYPE);
    assertThat(JSON.readTree(fake.lastRequest().body()).get("schema").asText())
        .isEqualTo(ConversionEvent.getClassSchema().toString());
  }

  @Test
  void aSubjectThatDoesNotExistYetIsCompatible() {
    fake.respond(
        "POST",
        "/compatibility/subjects/new-value/versions/latest",
        404,
        "{\"error_code\":40401,\"message\":\"Subject 'new-value' not found.\"}");

    assertThat(client.isCompatible("new-value", CLICK)).isTrue();
  }

  @Test
  void subjectsVersionsAndOneVersionAreRead() throws Exception {
    fake.respond("GET", "/subjects", 200, "[\"clicks-value\",\"conversions-value\"]");
    fake.respond("GET", "/subjects/clicks-value/versions", 200, "[1,2]");
    String version =
        JSON.writeValueAsString(
            Map.of("subject", "clicks-value", "version", 2, "id", 77, "schema", CLICK.toString()));
    fake.respond("GET", "/subjects/clicks-value/versions/2", 200, version);
    fake.respond("GET", "/subjects/clicks-value/versions/latest", 200, version);

    assertThat(client.subjects()).containsExactly("clicks-value", "conversions-value");
    assertThat(client.versions("clicks-value")).containsExactly(1, 2);
    assertThat(client.version("clicks-value", 2))
        .isEqualTo(new RegisteredSchema("clicks-value", 2, 77, CLICK));
    assertThat(client.latest("clicks-value").id()).isEqualTo(77);
    assertThat(client.byId(77)).as("cached from the version response").isEqualTo(CLICK);
    assertThat(fake.requests()).hasSize(4);
  }

  @Test
  void basicAuthIsSentWhenConfigured() {
    fake.respond("GET", "/subjects", 200, "[]");
    ConfluentSchemaRegistryClient authenticated =
        new ConfluentSchemaRegistryClient(fake.url(), Duration.ofSeconds(5), "key:secret");

    assertThat(authenticated.subjects()).isEmpty();
    assertThat(fake.lastRequest().authorization())
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("key:secret".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aRegistryThatDoesNotAnswerInTimeFailsWithATimeout() {
    fake.respondAfter(
        "GET", "/schemas/ids/1", 200, "{\"schema\":\"\\\"string\\\"\"}", Duration.ofSeconds(3));
    ConfluentSchemaRegistryClient impatient =
        new ConfluentSchemaRegistryClient(fake.url(), Duration.ofMillis(200), null);

    long started = System.nanoTime();
    assertThatThrownBy(() -> impatient.byId(1))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(ConfluentSchemaRegistryClient.NO_RESPONSE);
              assertThat(e.getMessage()).contains("timed out");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  private void expectError(int status, String body, int expectedStatus, int expectedCode) {
    fake.respond("POST", "/subjects/errors-value/versions", status, body);
    assertThatThrownBy(() -> client.register("errors-value", CLICK))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(expectedStatus);
              assertThat(e.errorCode()).isEqualTo(expectedCode);
            });
  }
}
