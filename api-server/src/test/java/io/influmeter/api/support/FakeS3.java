package io.influmeter.api.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small S3-compatible server: PUT and GET of objects, path-style, for one bucket. Every request
 * must carry a valid AWS Signature Version 4 (Authorization header with a signed payload hash that
 * matches the body, or a presigned URL that has not expired); the verification here is written from
 * AWS's documentation independently of the production signer. Anything else: 403.
 */
public final class FakeS3 implements AutoCloseable {
  public static final String ACCESS_KEY = "AKIDFAKES3TEST";
  public static final String SECRET_KEY = "fake-s3-secret-key-for-tests-only";
  public static final String REGION = "eu-west-1";
  public static final String BUCKET = "influmeter-content";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  public record StoredObject(byte[] bytes, String contentType) {}

  private final HttpServer server;
  private final Clock clock;
  private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
  private final AtomicInteger rejected = new AtomicInteger();
  private final AtomicInteger headerSigned = new AtomicInteger();
  private final AtomicInteger presigned = new AtomicInteger();

  public FakeS3(Clock clock) {
    this.clock = clock;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public Map<String, StoredObject> objects() {
    return objects;
  }

  public int rejected() {
    return rejected.get();
  }

  public int headerSignedRequests() {
    return headerSigned.get();
  }

  public int presignedRequests() {
    return presigned.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String rawPath = exchange.getRequestURI().getRawPath();
      String prefix = "/" + BUCKET + "/";
      if (!rawPath.startsWith(prefix)) {
        reply(exchange, 404, "NoSuchBucket");
        return;
      }
      String key = URLDecoder.decode(rawPath.substring(prefix.length()), StandardCharsets.UTF_8);
      if (!authentic(exchange, rawPath, body)) {
        rejected.incrementAndGet();
        reply(exchange, 403, "SignatureDoesNotMatch");
        return;
      }
      switch (exchange.getRequestMethod()) {
        case "PUT" -> {
          String type = exchange.getRequestHeaders().getFirst("Content-Type");
          objects.put(key, new StoredObject(body, type));
          exchange.sendResponseHeaders(200, -1);
        }
        case "GET" -> {
          StoredObject object = objects.get(key);
          if (object == null) {
            reply(exchange, 404, "NoSuchKey");
            return;
          }
          exchange.getResponseHeaders().set("Content-Type", object.contentType());
          exchange.sendResponseHeaders(200, object.bytes().length);
          exchange.getResponseBody().write(object.bytes());
        }
        default -> reply(exchange, 405, "MethodNotAllowed");
      }
    }
  }

  private boolean authentic(HttpExchange exchange, String rawPath, byte[] body) {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    if (query.containsKey("X-Amz-Signature")) {
      return presignedValid(exchange, rawPath, query);
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
      return false;
    }
    Map<String, String> parts =
        Arrays.stream(authorization.substring("AWS4-HMAC-SHA256 ".length()).split(",\\s*"))
            .map(p -> p.split("=", 2))
            .collect(Collectors.toMap(p -> p[0], p -> p[1]));
    String payloadHash = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
    if (payloadHash == null || !payloadHash.equals(hex(sha256(body)))) {
      return false;
    }
    String amzDate = exchange.getRequestHeaders().getFirst("x-amz-date");
    if (amzDate == null || tooOld(amzDate, 900)) {
      return false;
    }
    String expected =
        sign(
            exchange,
            rawPath,
            query,
            parts.get("SignedHeaders"),
            payloadHash,
            amzDate,
            parts.get("Credential"));
    boolean ok = expected != null && expected.equals(parts.get("Signature"));
    if (ok) {
      headerSigned.incrementAndGet();
    }
    return ok;
  }

  private boolean presignedValid(HttpExchange exchange, String rawPath, Map<String, String> query) {
    String amzDate = query.get("X-Amz-Date");
    long expires = Long.parseLong(query.getOrDefault("X-Amz-Expires", "0"));
    if (amzDate == null || expires <= 0 || expires > 604800 || tooOld(amzDate, expires)) {
      return false;
    }
    Map<String, String> signedQuery = new TreeMap<>(query);
    String signature = signedQuery.remove("X-Amz-Signature");
    String expected =
        sign(
            exchange,
            rawPath,
            signedQuery,
            query.get("X-Amz-SignedHeaders"),
            "UNSIGNED-PAYLOAD",
            amzDate,
            query.get("X-Amz-Credential"));
    boolean ok = expected != null && expected.equals(signature);
    if (ok) {
      presigned.incrementAndGet();
    }
    return ok;
  }

  /** Canonical request, string to sign and derived key, as AWS's SigV4 documentation gives them. */
  private String sign(
      HttpExchange exchange,
      String rawPath,
      Map<String, String> query,
      String signedHeaders,
      String payloadHash,
      String amzDate,
      String credential) {
    if (signedHeaders == null || credential == null) {
      return null;
    }
    String[] scope = credential.split("/");
    if (scope.length != 5
        || !scope[0].equals(ACCESS_KEY)
        || !scope[2].equals(REGION)
        || !scope[3].equals("s3")
        || !scope[4].equals("aws4_request")
        || !amzDate.startsWith(scope[1])) {
      return null;
    }
    List<String> names = List.of(signedHeaders.split(";"));
    if (!names.contains("host")) {
      return null;
    }
    StringBuilder headers = new StringBuilder();
    for (String name : names) {
      String value = exchange.getRequestHeaders().getFirst(name);
      if (value == null) {
        return null;
      }
      headers.append(name).append(':').append(value.trim()).append('\n');
    }
    String canonicalQuery =
        new TreeMap<>(
                query.entrySet().stream()
                    .collect(Collectors.toMap(e -> encode(e.getKey()), e -> encode(e.getValue()))))
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    String canonicalRequest =
        String.join(
            "\n",
            exchange.getRequestMethod(),
            rawPath,
            canonicalQuery,
            headers.toString(),
            signedHeaders,
            payloadHash);
    String stringToSign =
        String.join(
            "\n",
            "AWS4-HMAC-SHA256",
            amzDate,
            String.join("/", scope[1], scope[2], scope[3], scope[4]),
            hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
    byte[] key = hmac(("AWS4" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), scope[1]);
    key = hmac(key, REGION);
    key = hmac(key, "s3");
    key = hmac(key, "aws4_request");
    return hex(hmac(key, stringToSign));
  }

  private boolean tooOld(String amzDate, long validSeconds) {
    Instant signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    Instant now = clock.instant();
    return now.isAfter(signedAt.plusSeconds(validSeconds))
        || signedAt.isAfter(now.plusSeconds(900));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new TreeMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return query;
  }

  private static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.' || c == '~') {
        out.append((char) c);
      } else {
        out.append(String.format(Locale.ROOT, "%%%02X", c));
      }
    }
    return out.toString();
  }

  private static void reply(HttpExchange exchange, int status, String code) throws IOException {
    byte[] body = ("<Error><Code>" + code + "</Code></Error>").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/xml");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
