package io.influmeter.api.insights;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP client LangChain4j's OpenAI and Anthropic models send through (their own retries are
 * off). It exists because LangChain4j's clients drop response headers on errors: here a 429 or 5xx
 * is retried with exponential backoff and jitter, and a {@code Retry-After} header (seconds) is
 * honoured, capped at {@link #MAX_WAIT}. Timeouts are retried too. Other statuses fail at once as
 * an {@link HttpException} with the provider's error body. Streaming is not used by the insight
 * engine.
 */
final class RetryingHttpClient implements HttpClient {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingHttpClient.class);
  static final Duration MAX_WAIT = Duration.ofSeconds(60);
  // 529: Anthropic's "overloaded_error".
  private static final Set<Integer> RETRIED = Set.of(408, 429, 500, 502, 503, 504, 529);
  private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection");

  private final java.net.http.HttpClient client;
  private final Duration readTimeout;
  private final int maxRetries;
  private final Duration baseBackoff;

  RetryingHttpClient(
      Duration connectTimeout, Duration readTimeout, int maxRetries, Duration baseBackoff) {
    this.client = java.net.http.HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.readTimeout = readTimeout;
    this.maxRetries = maxRetries;
    this.baseBackoff = baseBackoff;
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    for (int attempt = 0; ; attempt++) {
      boolean last = attempt >= maxRetries;
      HttpResponse<String> response;
      try {
        response = client.send(toJdk(request), HttpResponse.BodyHandlers.ofString());
      } catch (HttpTimeoutException e) {
        if (last) {
          throw new TimeoutException("no answer within " + readTimeout, e);
        }
        sleep(backoff(attempt), "timeout");
        continue;
      } catch (IOException e) {
        if (last) {
          throw new dev.langchain4j.exception.LangChain4jException("provider unreachable", e);
        }
        sleep(backoff(attempt), "I/O error " + e.getClass().getSimpleName());
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new dev.langchain4j.exception.LangChain4jException("interrupted", e);
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return SuccessfulHttpResponse.builder()
            .statusCode(status)
            .headers(response.headers().map())
            .body(response.body())
            .build();
      }
      if (!RETRIED.contains(status) || last) {
        throw new HttpException(status, response.body());
      }
      Duration wait =
          response
              .headers()
              .firstValue("retry-after")
              .flatMap(RetryingHttpClient::seconds)
              .orElse(backoff(attempt));
      sleep(wait, "status " + status);
    }
  }

  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    throw new UnsupportedOperationException("the insight engine does not stream");
  }

  private java.net.http.HttpRequest toJdk(HttpRequest request) {
    var builder =
        java.net.http.HttpRequest.newBuilder(URI.create(request.url())).timeout(readTimeout);
    for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
      if (RESTRICTED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String value : header.getValue()) {
        builder.header(header.getKey(), value);
      }
    }
    String body = request.body();
    var publisher =
        body == null
            ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(body);
    return builder.method(request.method().name(), publisher).build();
  }

  private Duration backoff(int attempt) {
    long base = baseBackoff.toMillis() << Math.min(attempt, 10);
    long jitter = ThreadLocalRandom.current().nextLong(base / 2 + 1);
    return Duration.ofMillis(Math.min(MAX_WAIT.toMillis(), base + jitter));
  }

  static java.util.Optional<Duration> seconds(String retryAfter) {
    try {
      long seconds = Long.parseLong(retryAfter.trim());
      return java.util.Optional.of(
          Duration.ofSeconds(Math.max(0, Math.min(seconds, MAX_WAIT.toSeconds()))));
    } catch (NumberFormatException e) {
      // An HTTP date: rare from these APIs; fall back to our own backoff.
      return java.util.Optional.empty();
    }
  }

  private static void sleep(Duration wait, String why) {
    LOG.warn("AI provider call failed ({}), retrying in {} ms", why, wait.toMillis());
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new dev.langchain4j.exception.LangChain4jException("interrupted", e);
    }
  }

  /** Hands LangChain4j's model builders this client with their timeouts. */
  static final class Builder implements HttpClientBuilder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private final int maxRetries;
    private final Duration baseBackoff;

    Builder(int maxRetries, Duration baseBackoff) {
      this.maxRetries = maxRetries;
      this.baseBackoff = baseBackoff;
    }

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
      if (timeout != null) {
        this.connectTimeout = timeout;
      }
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
      if (timeout != null) {
        this.readTimeout = timeout;
      }
      return this;
    }

    @Override
    public HttpClient build() {
      return new RetryingHttpClient(connectTimeout, readTimeout, maxRetries, baseBackoff);
    }
  }
}
