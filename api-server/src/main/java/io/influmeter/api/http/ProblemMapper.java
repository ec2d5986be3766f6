package io.influmeter.api.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to problem+json, in one place: handlers never catch for HTTP purposes. A 500
 * says nothing about its cause; the cause goes to the log with an id the client can quote.
 */
public final class ProblemMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

  private ProblemMapper() {}

  public static void register(RoutesConfig routes) {
    routes.exception(ApiException.class, (e, ctx) -> write(ctx, e));
    routes.exception(
        HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(e.getStatus())));
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          String incident = java.util.UUID.randomUUID().toString();
          LOG.error("unhandled error {} on {} {}", incident, ctx.method(), ctx.path(), e);
          write(
              ctx,
              new ApiException(
                  500,
                  "internal",
                  "Internal error",
                  "Something went wrong on our side (incident " + incident + ").",
                  List.of(),
                  Map.of()));
        });
    // Responses Javalin produces itself (no route, wrong method, body too large) get the same
    // shape.
    for (int status : new int[] {404, 405, 413}) {
      routes.error(
          status,
          ctx -> {
            String contentType = ctx.res().getContentType();
            if (contentType == null || !contentType.startsWith(Problem.CONTENT_TYPE)) {
              write(ctx, fromJavalin(status));
            }
          });
    }
  }

  public static void write(Context ctx, ApiException e) {
    e.headers().forEach(ctx::header);
    ctx.status(e.status());
    Problem problem = Problem.of(e, ctx.path());
    if (e.extensions().isEmpty()) {
      ctx.json(problem);
    } else {
      ctx.json(withExtensions(problem, e.extensions()));
    }
    ctx.contentType(Problem.CONTENT_TYPE);
  }

  /** The problem's standard members followed by its extension members (RFC 9457, 3.2). */
  private static Map<String, Object> withExtensions(Problem p, Map<String, Object> extensions) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", p.type());
    body.put("title", p.title());
    body.put("status", p.status());
    body.put("detail", p.detail());
    body.put("instance", p.instance());
    body.put("code", p.code());
    if (!p.errors().isEmpty()) {
      body.put("errors", p.errors());
    }
    extensions.forEach(body::putIfAbsent);
    return body;
  }

  private static ApiException fromJavalin(int status) {
    return switch (status) {
      case 400 -> ApiException.badRequest("The request could not be read.");
      case 401 -> ApiException.unauthorized();
      case 403 -> ApiException.forbidden();
      case 404 -> ApiException.notFound();
      case 405 ->
          new ApiException(
              405,
              "method-not-allowed",
              "Method not allowed",
              "This resource does not support that method.",
              List.of(),
              Map.of());
      case 413 ->
          new ApiException(
              413,
              "payload-too-large",
              "Payload too large",
              "The request body is larger than this server accepts.",
              List.of(),
              Map.of());
      default ->
          new ApiException(
              status, "http-" + status, "HTTP " + status, "HTTP " + status, List.of(), Map.of());
    };
  }
}
