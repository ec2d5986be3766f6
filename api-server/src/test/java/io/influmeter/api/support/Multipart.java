package io.influmeter.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** multipart/form-data uploads over real HTTP, and raw byte downloads. */
public final class Multipart {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Multipart() {}

  public record Response(int status, HttpResponse<byte[]> raw, JsonNode json) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String body() {
      return new String(raw.body(), StandardCharsets.UTF_8);
    }
  }

  /** Uploads {@code bytes} as part "file" named {@code filename}, declared as {@code type}. */
  public static Response upload(
      TestApi api,
      String path,
      String token,
      byte[] bytes,
      String filename,
      String declaredType,
      String caption) {
    String boundary = "----influmeter" + UUID.randomUUID();
    var body = new ByteArrayOutputStream();
    if (caption != null) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n"
                  + caption
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename
                + "\"\r\nContent-Type: "
                + declaredType
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(bytes);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    var request =
        HttpRequest.newBuilder(URI.create(base(api) + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  public static Response get(TestApi api, String path) {
    return send(
        HttpRequest.newBuilder(URI.create(base(api) + path))
            .timeout(Duration.ofSeconds(60))
            .GET()
            .build());
  }

  private static String base(TestApi api) {
    return "http://127.0.0.1:" + api.server().port();
  }

  private static Response send(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
      JsonNode json = MissingNode.getInstance();
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (type.contains("json") && response.body().length > 0) {
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
