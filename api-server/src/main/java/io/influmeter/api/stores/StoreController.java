package io.influmeter.api.stores;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.http.Json;
import io.influmeter.api.http.Requests;
import io.javalin.http.Context;

/** HTTP side of /brands/stores. */
public final class StoreController {
  private final StoreService service;
  private final ObjectMapper json;

  public StoreController(StoreService service, ObjectMapper json) {
    this.service = service;
    this.json = json;
  }

  public void register(Context ctx) {
    var body = Json.body(ctx, json, StoreViews.Register.class);
    ctx.status(201).json(service.register(Requests.principal(ctx), body, Requests.clientIp(ctx)));
  }

  public void list(Context ctx) {
    ctx.json(service.list(Requests.principal(ctx)));
  }

  /** The body is optional: no body rotates with the default grace period. */
  public void rotate(Context ctx) {
    var body = ctx.bodyAsBytes().length == 0 ? null : Json.body(ctx, json, StoreViews.Rotate.class);
    ctx.json(
        service.rotate(
            Requests.principal(ctx),
            Requests.uuidPathParam(ctx, "id"),
            body,
            Requests.clientIp(ctx)));
  }
}
