package io.influmeter.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The few calls of Kafka Connect's REST API we make: create-or-update a connector (idempotent
 * {@code PUT /connectors/{name}/config}), read its status, delete it. Works the same against the
 * embedded worker and a Connect cluster.
 */
public final class ConnectRestClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String baseUrl;
  private final HttpClient http;

  public ConnectRestClient(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Creates the connector, or updates its config if it exists. */
  public void apply(ConnectorConfig connector) {
    try {
      send(
          HttpRequest.newBuilder(uri("/connectors/" + encode(connector.name()) + "/config"))
              .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(connector.config())))
              .header("Content-Type", "application/json")
              .build(),
          "apply connector " + connector.name());
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode connector " + connector.name(), e);
    }
  }

  /** The connector's and its tasks' state, e.g. {@code RUNNING}, from {@code /status}. */
  public JsonNode status(String name) {
    return send(
        HttpRequest.newBuilder(uri("/connectors/" + encode(name) + "/status")).GET().build(),
        "read the status of " + name);
  }

  public void delete(String name) {
    send(
        HttpRequest.newBuilder(uri("/connectors/" + encode(name))).DELETE().build(),
        "delete connector " + name);
  }

  private JsonNode send(HttpRequest request, String what) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(request, (name, value) -> true)
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            "Connect refused to "
                + what
                + ": HTTP "
                + response.statusCode()
                + " "
                + response.body());
      }
      return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(
          "Connect did not answer to " + what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while trying to " + what, e);
    }
  }

  private URI uri(String path) {
    return URI.create(baseUrl + path);
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
