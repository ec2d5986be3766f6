package io.influmeter.local.demo;

import io.influmeter.ingest.redirect.RedirectHandler;
import io.influmeter.ingest.webhooks.Signatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Ingest's public endpoints as shoppers and stores reach them: {@code GET /go/<slug>} (no redirect
 * following: the click id is read from the 302's {@code Location}) and signed {@code POST
 * /webhooks/...}, signed with ingest's own Shopify signature code.
 */
public final class IngestClient {

  private static final String VISITOR_COOKIE = RedirectHandler.VISITOR_COOKIE;

  private final HttpClient http;
  private final String base;
  private final Clock clock;

  /** {@code http} must not follow redirects. */
  public IngestClient(HttpClient http, int port, Clock clock) {
    this.http = http;
    this.base = "http://127.0.0.1:" + port;
    this.clock = clock;
  }

  /**
   * A click's answer.
   *
   * @param clickId the {@code im_click} of the redirect, or null (no redirect, or not tracked)
   * @param visitorCookie the visitor cookie ingest set, or null
   * @param answeredAt when the answer arrived
   */
  public record Click(int status, String clickId, String visitorCookie, Instant answeredAt) {}

  /**
   * Follows {@code /go/<slug>} as a browser with {@code userAgent} and, for a returning visitor,
   * its {@code visitorCookie} (null: a first visit).
   */
  public Click click(String slug, String userAgent, String visitorCookie) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/go/" + slug))
            .timeout(Duration.ofSeconds(10))
            .header("User-Agent", userAgent)
            .GET();
    if (visitorCookie != null) {
      request.header("Cookie", VISITOR_COOKIE + "=" + visitorCookie);
    }
    HttpResponse<Void> response = send(request.build(), HttpResponse.BodyHandlers.discarding());
    Instant answeredAt = clock.instant();
    String clickId =
        response.headers().firstValue("Location").map(IngestClient::clickId).orElse(null);
    String cookie =
        response.headers().allValues("Set-Cookie").stream()
            .filter(value -> value.startsWith(VISITOR_COOKIE + "="))
            .map(value -> value.substring(VISITOR_COOKIE.length() + 1).split(";", 2)[0])
            .findFirst()
            .orElse(null);
    return new Click(response.statusCode(), clickId, cookie, answeredAt);
  }

  /** True once {@code /go/<slug>} redirects (an untracked probe: it records no click). */
  public boolean redirects(String slug) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/go/" + slug))
            .timeout(Duration.ofSeconds(10))
            .header("im-no-track", "1")
            .GET()
            .build();
    return send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 302;
  }

  /** POSTs a Shopify webhook with {@code topic}, signed with {@code secret}; returns the status. */
  public int shopifyWebhook(String path, String topic, String body, String secret) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("X-Shopify-Topic", topic)
            .header(
                "X-Shopify-Hmac-Sha256",
                Signatures.base64Header(secret.getBytes(StandardCharsets.UTF_8), bytes))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    return send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** The {@code im_click} parameter of a redirect target. */
  static String clickId(String location) {
    String query = URI.create(location).getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("im_click=")) {
        return java.net.URLDecoder.decode(
            pair.substring("im_click=".length()), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
    try {
      return http.send(request, body);
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
