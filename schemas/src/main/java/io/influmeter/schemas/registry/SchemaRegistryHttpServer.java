package io.influmeter.schemas.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the read endpoints of the Confluent Schema Registry REST API over any {@link
 * SchemaRegistry}, so tools that expect a registry (kcat, console consumers, Connect converters)
 * can decode topics written with the built-in registry. Read-only: writes answer 405, because ids
 * of the built-in registry come from the schemas themselves and need no central assignment.
 */
public final class SchemaRegistryHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryHttpServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int THREADS = 2;

  private final SchemaRegistry registry;
  private final HttpServer server;
  private final ExecutorService executor;

  /**
   * A server bound to host:port, not yet started.
   *
   * @param port TCP port, or 0 for an ephemeral one (see {@link #port()})
   */
  public SchemaRegistryHttpServer(SchemaRegistry registry, String host, int port) {
    this.registry = Objects.requireNonNull(registry, "registry");
    try {
      this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot bind schema registry server to " + host + ":" + port, e);
    }
    AtomicInteger threadNumber = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            THREADS,
            runnable -> {
              Thread thread =
                  new Thread(runnable, "schema-registry-http-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /** Starts serving. */
  public void start() {
    server.start();
  }

  /** The bound port (the ephemeral one when constructed with 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops serving and releases the port. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    // Not try-with-resources: its catch clauses would run after the exchange is closed.
    try {
      if (!"GET".equals(exchange.getRequestMethod())) {
        sendError(exchange, 405, 405, "HTTP 405 Method Not Allowed: this registry is read-only");
        return;
      }
      route(exchange, segments(exchange.getRequestURI().getRawPath()));
    } catch (SchemaRegistryException e) {
      // A backing remote registry that did not answer has no status of its own to pass on.
      int status = e.httpStatus() >= 400 ? e.httpStatus() : 502;
      sendError(exchange, status, e.errorCode(), messageOf(e));
    } catch (RuntimeException e) {
      LOG.warn("schema registry request {} failed", exchange.getRequestURI(), e);
      sendError(exchange, 500, SchemaRegistryException.STORE_ERROR, "Error in the backend store");
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange, List<String> path) throws IOException {
    int size = path.size();
    if (size == 0) {
      sendJson(exchange, Map.of());
    } else if (size >= 3
        && size <= 4
        && path.get(0).equals("schemas")
        && path.get(1).equals("ids")) {
      int id = parseId(path.get(2));
      String schema = registry.byId(id).toString();
      if (size == 3) {
        sendJson(exchange, Map.of("schema", schema));
      } else if (path.get(3).equals("schema")) {
        send(exchange, 200, schema);
      } else {
        sendNotFound(exchange);
      }
    } else if (size == 1 && path.get(0).equals("subjects")) {
      sendJson(exchange, registry.subjects());
    } else if (size >= 3 && path.get(0).equals("subjects") && path.get(2).equals("versions")) {
      routeSubject(exchange, path);
    } else {
      sendNotFound(exchange);
    }
  }

  private void routeSubject(HttpExchange exchange, List<String> path) throws IOException {
    String subject = path.get(1);
    if (path.size() == 3) {
      sendJson(exchange, registry.versions(subject));
      return;
    }
    if (path.size() > 5 || (path.size() == 5 && !path.get(4).equals("schema"))) {
      sendNotFound(exchange);
      return;
    }
    RegisteredSchema version = lookUpVersion(subject, path.get(3));
    if (path.size() == 5) {
      send(exchange, 200, version.schema().toString());
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subject", version.subject());
    body.put("version", version.version());
    body.put("id", version.id());
    body.put("schema", version.schema().toString());
    sendJson(exchange, body);
  }

  private RegisteredSchema lookUpVersion(String subject, String version) {
    if (version.equals("latest") || version.equals("-1")) {
      return registry.latest(subject);
    }
    try {
      return registry.version(subject, Integer.parseInt(version));
    } catch (NumberFormatException e) {
      throw new SchemaRegistryException(
          422,
          SchemaRegistryException.INVALID_VERSION,
          "The specified version '"
              + version
              + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the"
              + " string \"latest\"");
    }
  }

  private static int parseId(String id) {
    try {
      return Integer.parseInt(id);
    } catch (NumberFormatException e) {
      throw new SchemaRegistryException(
          404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }
  }

  private static List<String> segments(String rawPath) {
    return Arrays.stream(rawPath.split("/"))
        .filter(segment -> !segment.isEmpty())
        // Decode %2B as '+', and never turn a literal '+' into a space (form encoding).
        .map(segment -> URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8))
        .toList();
  }

  // Confluent's messages are the bare message; ours append the status for logs, so strip it.
  private static String messageOf(SchemaRegistryException e) {
    String message = e.getMessage();
    int suffix = message.lastIndexOf(" (HTTP ");
    return suffix < 0 ? message : message.substring(0, suffix);
  }

  private static void sendNotFound(HttpExchange exchange) throws IOException {
    sendError(exchange, 404, 404, "HTTP 404 Not Found");
  }

  private static void sendError(HttpExchange exchange, int status, int errorCode, String message)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error_code", errorCode);
    body.put("message", message);
    send(exchange, status, JSON.writeValueAsString(body));
  }

  private static void sendJson(HttpExchange exchange, Object body) throws IOException {
    send(exchange, 200, JSON.writeValueAsString(body));
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", ConfluentSchemaRegistryClient.CONTENT_TYPE);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
