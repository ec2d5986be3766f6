package io.influmeter.api.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.influmeter.api.ApiConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stand-in for Facebook's Graph API endpoints of the login flow, with Facebook's documented
 * shapes: {@code GET /v19.0/oauth/access_token} (query client_id, redirect_uri, client_secret,
 * code; answers {@code access_token}, {@code token_type}, {@code expires_in}) and {@code GET
 * /v19.0/me?fields=id,name,email} (bearer token plus {@code appsecret_proof}); errors are HTTP 400
 * with {@code {"error": {"message", "type": "OAuthException", "code", "fbtrace_id"}}}. Codes are
 * single use and bound to their redirect URI, as Facebook's are.
 */
public final class FakeFacebook implements AutoCloseable {
  public static final String APP_ID = "1234567890";
  public static final String APP_SECRET = "fake-app-secret-for-tests";
  public static final String REDIRECT_URI = "https://app.example.test/auth/facebook/callback";

  private record Person(String id, String name, String email) {}

  private record Grant(Person person, String redirectUri) {}

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final Map<String, Person> tokens = new ConcurrentHashMap<>();
  private final HttpServer server;

  public FakeFacebook() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/v19.0/oauth/access_token", this::token);
      server.createContext("/v19.0/me", this::me);
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ApiConfig.FacebookConfig config() {
    return new ApiConfig.FacebookConfig(
        APP_ID, APP_SECRET, "http://127.0.0.1:" + server.getAddress().getPort() + "/v19.0");
  }

  /** The code Facebook would send to our redirect URI after the person approves the app. */
  public String authorize(String facebookUserId, String name, String email) {
    String code = "AQD" + UUID.randomUUID().toString().replace("-", "");
    codes.put(code, new Grant(new Person(facebookUserId, name, email), REDIRECT_URI));
    return code;
  }

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange);
    Grant grant = codes.remove(query.getOrDefault("code", ""));
    if (!APP_ID.equals(query.get("client_id")) || !APP_SECRET.equals(query.get("client_secret"))) {
      error(exchange, 101, "Error validating application. Invalid application ID.");
      return;
    }
    if (grant == null || !grant.redirectUri().equals(query.get("redirect_uri"))) {
      error(exchange, 100, "Invalid verification code format.");
      return;
    }
    String token = "EAAB" + UUID.randomUUID().toString().replace("-", "");
    tokens.put(token, grant.person());
    send(
        exchange,
        200,
        Map.of("access_token", token, "token_type", "bearer", "expires_in", 5183944));
  }

  private void me(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String token = authorization == null ? "" : authorization.replaceFirst("(?i)^Bearer ", "");
    Person person = tokens.get(token);
    if (person == null) {
      error(exchange, 190, "Invalid OAuth access token data.");
      return;
    }
    if (!proof(token).equals(query(exchange).get("appsecret_proof"))) {
      error(exchange, 100, "Invalid appsecret_proof provided in the API argument");
      return;
    }
    Map<String, Object> body = new HashMap<>();
    body.put("id", person.id());
    body.put("name", person.name());
    if (person.email() != null) {
      body.put("email", person.email());
    }
    send(exchange, 200, body);
  }

  private void error(HttpExchange exchange, int code, String message) throws IOException {
    send(
        exchange,
        400,
        Map.of(
            "error",
            Map.of(
                "message",
                message,
                "type",
                "OAuthException",
                "code",
                code,
                "fbtrace_id",
                "AbCdEf")));
  }

  private void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> params = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  private static String proof(String token) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
