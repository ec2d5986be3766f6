package io.influmeter.api.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Request count and latency histogram per route template (never the raw path: ids would explode the
 * series), method and status: {@code http_server_requests_seconds_*} in Prometheus.
 */
public final class HttpMetrics {
  private final MeterRegistry registry;

  public HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(Context ctx, Float millis) {
    Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
    String route = endpoint == null ? "unmatched" : endpoint.path;
    Timer.builder("http.server.requests")
        .description("HTTP requests by route template, method and status")
        .tag("method", ctx.method().name())
        .tag("route", route)
        .tag("status", Integer.toString(ctx.statusCode()))
        .publishPercentileHistogram()
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)
        .record(Duration.ofNanos((long) (millis * 1_000_000)));
  }
}
