package io.influmeter.api.disputes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.http.Json;
import io.influmeter.api.http.Requests;
import io.javalin.http.Context;

/** HTTP side of /disputes and /admin/disputes. */
public final class DisputeController {
  private final DisputeService service;
  private final ObjectMapper json;

  public DisputeController(DisputeService service, ObjectMapper json) {
    this.service = service;
    this.json = json;
  }

  public void open(Context ctx) {
    var body = Json.body(ctx, json, DisputeRequests.Open.class);
    ctx.status(201).json(service.open(Requests.principal(ctx), body));
  }

  public void mine(Context ctx) {
    ctx.json(service.mine(Requests.principal(ctx), limit(ctx), offset(ctx)));
  }

  public void all(Context ctx) {
    ctx.json(service.all(ctx.queryParam("status"), limit(ctx), offset(ctx)));
  }

  public void resolve(Context ctx) {
    var body = Json.body(ctx, json, DisputeRequests.Resolve.class);
    ctx.json(
        service.resolve(
            Requests.principal(ctx),
            Requests.uuidPathParam(ctx, "id"),
            body,
            Requests.clientIp(ctx)));
  }

  private static int limit(Context ctx) {
    return Requests.intQueryParam(ctx, "limit", 50, 1, 200);
  }

  private static int offset(Context ctx) {
    return Requests.intQueryParam(ctx, "offset", 0, 0, 1_000_000);
  }
}
