package io.influmeter.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A client of the Confluent Schema Registry REST API (also served by Apicurio's and Karapace's
 * compatibility endpoints, and by {@link SchemaRegistryHttpServer} for reads). Ids and schemas are
 * cached: both are immutable once assigned, so the registry is asked once per schema per process.
 * Thread-safe.
 */
public final class ConfluentSchemaRegistryClient implements SchemaRegistry {

  /** Media type of every request and response of the API. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  /** Status carried by a {@link SchemaRegistryException} when no response arrived at all. */
  public static final int NO_RESPONSE = 0;

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final Duration timeout;
  private final String authorization;
  private final HttpClient http;
  private final ConcurrentMap<Integer, Schema> schemaById = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Integer> idBySubjectAndSchema = new ConcurrentHashMap<>();

  /** A client with a 10 s timeout and no authentication. */
  public ConfluentSchemaRegistryClient(String baseUrl) {
    this(baseUrl, DEFAULT_TIMEOUT, null);
  }

  /**
   * A client.
   *
   * @param baseUrl registry URL, e.g. {@code http://localhost:8081}
   * @param timeout connect timeout and per-request timeout
   * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or null for none
   */
  public ConfluentSchemaRegistryClient(String baseUrl, Duration timeout, String basicAuthUserInfo) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    URI.create(this.baseUrl);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.authorization = basicAuthHeader(basicAuthUserInfo);
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public int register(String subject, Schema schema) {
    String schemaJson = schema.toString();
    String cacheKey = subject + '\n' + schemaJson;
    Integer cached = idBySubjectAndSchema.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    JsonNode response =
        send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schemaJson));
    int id = requiredField(response, "id").asInt();
    idBySubjectAndSchema.putIfAbsent(cacheKey, id);
    schemaById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public Schema byId(int id) {
    Schema cached = schemaById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode response = send("GET", "/schemas/ids/" + id, null);
    Schema schema = parse(requiredField(response, "schema").asText());
    Schema raced = schemaById.putIfAbsent(id, schema);
    return raced == null ? schema : raced;
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    try {
      JsonNode response =
          send(
              "POST",
              "/compatibility/subjects/" + encode(subject) + "/versions/latest",
              schemaBody(schema.toString()));
      return requiredField(response, "is_compatible").asBoolean();
    } catch (SchemaRegistryException e) {
      // Nothing registered yet: any schema is compatible with no history.
      if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
          || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
        return true;
      }
      throw e;
    }
  }

  @Override
  public List<String> subjects() {
    List<String> subjects = new ArrayList<>();
    send("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
    return List.copyOf(subjects);
  }

  @Override
  public List<Integer> versions(String subject) {
    List<Integer> versions = new ArrayList<>();
    send("GET", "/subjects/" + encode(subject) + "/versions", null)
        .forEach(node -> versions.add(node.asInt()));
    return List.copyOf(versions);
  }

  @Override
  public RegisteredSchema version(String subject, int version) {
    return fetchVersion(subject, Integer.toString(version));
  }

  @Override
  public RegisteredSchema latest(String subject) {
    return fetchVersion(subject, "latest");
  }

  private RegisteredSchema fetchVersion(String subject, String version) {
    JsonNode response = send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null);
    int id = requiredField(response, "id").asInt();
    Schema schema = parse(requiredField(response, "schema").asText());
    schemaById.putIfAbsent(id, schema);
    return new RegisteredSchema(
        requiredField(response, "subject").asText(),
        requiredField(response, "version").asInt(),
        id,
        schema);
  }

  private JsonNode send(String method, String path, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(timeout)
            .header("Accept", CONTENT_TYPE)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", CONTENT_TYPE);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new SchemaRegistryException(
          NO_RESPONSE,
          NO_RESPONSE,
          method + " " + path + " timed out after " + timeout.toMillis() + " ms",
          e);
    } catch (IOException e) {
      throw new SchemaRegistryException(
          NO_RESPONSE, NO_RESPONSE, method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(
          NO_RESPONSE, NO_RESPONSE, method + " " + path + " interrupted", e);
    }
    return readResponse(method, path, response.statusCode(), response.body());
  }

  private static JsonNode readResponse(String method, String path, int status, String body) {
    JsonNode json = null;
    try {
      json = body == null || body.isBlank() ? null : JSON.readTree(body);
    } catch (IOException e) {
      // Proxies answer errors in HTML; the status alone still tells the caller what happened.
    }
    if (status >= 200 && status < 300) {
      if (json == null) {
        throw new SchemaRegistryException(
            status, status, method + " " + path + " returned a body that is not JSON");
      }
      return json;
    }
    int errorCode = status;
    String message = method + " " + path + " failed";
    if (json != null && json.has("error_code")) {
      errorCode = json.get("error_code").asInt(status);
      message = json.path("message").asText(message);
    }
    throw new SchemaRegistryException(status, errorCode, message);
  }

  private static JsonNode requiredField(JsonNode response, String field) {
    JsonNode value = response.get(field);
    if (value == null || value.isNull()) {
      throw new SchemaRegistryException(
          200, SchemaRegistryException.STORE_ERROR, "response has no '" + field + "' field");
    }
    return value;
  }

  private static Schema parse(String schemaJson) {
    try {
      return new Schema.Parser().parse(schemaJson);
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException(
          200, SchemaRegistryException.INVALID_SCHEMA, "registry returned an invalid schema", e);
    }
  }

  private static ObjectNode schemaBody(String schemaJson) {
    return JSON.valueToTree(Map.of("schema", schemaJson));
  }

  static String encode(String pathSegment) {
    // URLEncoder encodes for forms: a space must be %20 in a path, not '+'.
    return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String basicAuthHeader(String userInfo) {
    if (userInfo == null || userInfo.isEmpty()) {
      return null;
    }
    if (!userInfo.contains(":")) {
      throw new IllegalArgumentException("basic auth user info must be user:password");
    }
    return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }
}
