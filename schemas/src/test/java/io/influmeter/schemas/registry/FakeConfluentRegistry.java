package io.influmeter.schemas.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local stand-in for a Confluent Schema Registry: answers scripted responses (Confluent's
 * documented bodies) per method and raw path, and records every request it receives.
 */
final class FakeConfluentRegistry implements AutoCloseable {

  /** One request as the server saw it. */
  record Request(
      String method,
      String rawPath,
      String contentType,
      String accept,
      String authorization,
      String body) {}

  private record Response(int status, String body, Duration delay) {}

  private final HttpServer server;
  private final Map<String, Response> responses = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeConfluentRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void respond(String method, String rawPath, int status, String body) {
    respondAfter(method, rawPath, status, body, Duration.ZERO);
  }

  void respondAfter(String method, String rawPath, int status, String body, Duration delay) {
    responses.put(method + " " + rawPath, new Response(status, body, delay));
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  Request lastRequest() {
    return requests.get(requests.size() - 1);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String rawPath = exchange.getRequestURI().getRawPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(
          new Request(
              method,
              rawPath,
              exchange.getRequestHeaders().getFirst("Content-Type"),
              exchange.getRequestHeaders().getFirst("Accept"),
              exchange.getRequestHeaders().getFirst("Authorization"),
              body));
      Response response =
          responses.getOrDefault(
              method + " " + rawPath,
              new Response(
                  404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}", Duration.ZERO));
      if (!response.delay().isZero()) {
        Thread.sleep(response.delay().toMillis());
      }
      byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
      exchange.sendResponseHeaders(response.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
