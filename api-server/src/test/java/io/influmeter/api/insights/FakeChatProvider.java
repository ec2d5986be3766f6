package io.influmeter.api.insights;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local stand-in for the OpenAI chat completions API ({@code POST /v1/chat/completions}) or the
 * Anthropic messages API ({@code POST /v1/messages}), answering scripted responses in their
 * documented wire formats: success bodies with {@code usage}, their error bodies, 429 with {@code
 * retry-after}, and slow answers for timeouts. Records every request it got.
 */
final class FakeChatProvider implements AutoCloseable {
  enum Api {
    OPENAI,
    ANTHROPIC
  }

  record Answer(int status, Map<String, String> headers, String body, long delayMillis) {}

  record Received(String path, Map<String, List<String>> headers, String body) {}

  private final Api api;
  private final HttpServer server;
  private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
  final List<Received> received = new CopyOnWriteArrayList<>();

  FakeChatProvider(Api api) throws IOException {
    this.api = api;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(api == Api.OPENAI ? "/v1/chat/completions" : "/v1/messages", this::handle);
    server.start();
  }

  /** The base URL a model builder takes ({@code http://127.0.0.1:port/v1}). */
  String baseUrl() {
    return "http://127.0.0.1:"
        + server.getAddress().getPort()
        + "/v1"
        + (api == Api.ANTHROPIC ? "/" : "");
  }

  FakeChatProvider then(Answer answer) {
    script.add(answer);
    return this;
  }

  /** A successful answer whose text is {@code content}, with this usage. */
  FakeChatProvider thenReport(String content, int inputTokens, int outputTokens) {
    return then(new Answer(200, Map.of(), success(content, inputTokens, outputTokens), 0));
  }

  FakeChatProvider thenRateLimited(int retryAfterSeconds) {
    String body =
        api == Api.OPENAI
            ? error(
                "Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3, Requested 1.",
                "requests",
                "rate_limit_exceeded")
            : anthropicError(
                "rate_limit_error",
                "Number of request tokens has exceeded your per-minute rate limit");
    return then(
        new Answer(429, Map.of("retry-after", Integer.toString(retryAfterSeconds)), body, 0));
  }

  FakeChatProvider thenBadKey() {
    String body =
        api == Api.OPENAI
            ? error(
                "Incorrect API key provided: sk-wrong.", "invalid_request_error", "invalid_api_key")
            : anthropicError("authentication_error", "invalid x-api-key");
    return then(new Answer(401, Map.of(), body, 0));
  }

  FakeChatProvider thenOverloaded() {
    return then(
        new Answer(
            api == Api.OPENAI ? 503 : 529,
            Map.of(),
            api == Api.OPENAI
                ? error("The server is overloaded or not ready yet.", "server_error", null)
                : anthropicError("overloaded_error", "Overloaded"),
            0));
  }

  FakeChatProvider thenSlow(long delayMillis, String content) {
    return then(new Answer(200, Map.of(), success(content, 10, 10), delayMillis));
  }

  private String success(String content, int inputTokens, int outputTokens) {
    String text = jsonString(content);
    if (api == Api.OPENAI) {
      return """
          {"id":"chatcmpl-9fake","object":"chat.completion","created":1732960000,
           "model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_fake",
           "choices":[{"index":0,"message":{"role":"assistant","content":%s,"refusal":null},
                       "logprobs":null,"finish_reason":"stop"}],
           "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
          """
          .formatted(text, inputTokens, outputTokens, inputTokens + outputTokens);
    }
    return """
        {"id":"msg_01FakeFakeFake","type":"message","role":"assistant",
         "model":"claude-3-5-haiku-20241022",
         "content":[{"type":"text","text":%s}],
         "stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":%d,"output_tokens":%d}}
        """
        .formatted(text, inputTokens, outputTokens);
  }

  private static String error(String message, String type, String code) {
    return """
        {"error":{"message":%s,"type":"%s","param":null,"code":%s}}
        """
        .formatted(jsonString(message), type, code == null ? "null" : "\"" + code + "\"");
  }

  private static String anthropicError(String type, String message) {
    return """
        {"type":"error","error":{"type":"%s","message":%s}}
        """
        .formatted(type, jsonString(message));
  }

  static String jsonString(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(
        new Received(
            exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
    Answer answer = script.poll();
    if (answer == null) {
      answer = new Answer(500, Map.of(), error("script exhausted", "server_error", null), 0);
    }
    if (answer.delayMillis() > 0) {
      try {
        Thread.sleep(answer.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    try {
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // The client gave up (timeout test): nothing to answer.
    }
  }

  /** A configuration pointing at this fake. */
  InsightsConfig config(int maxRetries, java.time.Duration timeout) {
    InsightsConfig d = InsightsConfig.builtin();
    return new InsightsConfig(
        api == Api.OPENAI ? Provider.OPENAI : Provider.ANTHROPIC,
        api == Api.OPENAI ? "gpt-4o-mini" : "claude-3-5-haiku-latest",
        "test-key-not-a-secret",
        java.util.Optional.of(java.net.URI.create(baseUrl())),
        timeout,
        maxRetries,
        800,
        new java.math.BigDecimal("0.00015"),
        new java.math.BigDecimal("0.0006"),
        "USD",
        new java.math.BigDecimal("0.05"),
        java.util.Optional.empty(),
        java.util.Optional.empty(),
        d.consumerGroup(),
        d.onDemandInterval(),
        d.scheduleEvery());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
