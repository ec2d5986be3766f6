package io.influmeter.api.health;

import io.influmeter.api.http.ApiException;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** Liveness, readiness (the database answers) and the Prometheus scrape. */
public final class HealthController {
  private final DSLContext dsl;
  private final PrometheusMeterRegistry registry;

  public HealthController(DSLContext dsl, PrometheusMeterRegistry registry) {
    this.dsl = dsl;
    this.registry = registry;
  }

  /** Health status body. */
  public record Health(String status) {}

  public void live(Context ctx) {
    ctx.json(new Health("UP"));
  }

  public void ready(Context ctx) {
    boolean up;
    try {
      up = dsl.selectOne().fetchOne() != null;
    } catch (RuntimeException e) {
      up = false;
    }
    if (!up) {
      throw new ApiException(
          503,
          "not-ready",
          "Not ready",
          "The database is not reachable.",
          List.of(),
          Map.of("Retry-After", "5"));
    }
    ctx.json(new Health("UP"));
  }

  public void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
  }
}
