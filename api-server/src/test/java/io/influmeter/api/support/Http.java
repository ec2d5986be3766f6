package io.influmeter.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A real HTTP client against a started server, speaking JSON. */
public final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public Http(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A response with its body parsed as JSON when it is JSON. */
  public record Response(int status, HttpResponse<String> raw, JsonNode json) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String body() {
      return raw.body();
    }

    public String contentType() {
      return header("Content-Type");
    }
  }

  public Response get(String path, String token) {
    return send("GET", path, token, null, Map.of());
  }

  public Response get(String path) {
    return get(path, null);
  }

  public Response post(String path, String token, Object body) {
    return send("POST", path, token, body, Map.of());
  }

  public Response post(String path, Object body) {
    return post(path, null, body);
  }

  public Response patch(String path, String token, Object body) {
    return send("PATCH", path, token, body, Map.of());
  }

  public Response put(String path, String token, Object body) {
    return send("PUT", path, token, body, Map.of());
  }

  public Response send(
      String method, String path, String token, Object body, Map<String, String> headers) {
    try {
      var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
      if (token != null) {
        builder.header("Authorization", "Bearer " + token);
      }
      headers.forEach(builder::header);
      if (body == null) {
        builder.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        builder.header("Content-Type", "application/json");
        builder.method(method, HttpRequest.BodyPublishers.ofString(text));
      }
      HttpResponse<String> response =
          client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = MissingNode.getInstance();
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (type.contains("json") && !response.body().isEmpty()) {
        json = JSON.readTree(response.body());
      }
      return new Response(response.statusCode(), response, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
