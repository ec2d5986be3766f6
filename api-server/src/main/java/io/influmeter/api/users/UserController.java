package io.influmeter.api.users;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.http.Json;
import io.influmeter.api.http.Requests;
import io.javalin.http.Context;

/** HTTP side of /users and /admin/users. */
public final class UserController {
  private final UserService service;
  private final ObjectMapper json;

  public UserController(UserService service, ObjectMapper json) {
    this.service = service;
    this.json = json;
  }

  public void me(Context ctx) {
    ctx.json(service.me(Requests.principal(ctx)));
  }

  public void updateMe(Context ctx) {
    var body = Json.body(ctx, json, UserRequests.UpdateMe.class);
    ctx.json(service.updateMe(Requests.principal(ctx), body, Requests.clientIp(ctx)));
  }

  public void publicProfile(Context ctx) {
    ctx.json(service.publicProfile(Requests.principal(ctx), Requests.uuidPathParam(ctx, "id")));
  }

  public void setVerification(Context ctx) {
    var body = Json.body(ctx, json, UserRequests.SetVerification.class);
    ctx.json(
        service.setVerified(
            Requests.principal(ctx),
            Requests.uuidPathParam(ctx, "id"),
            body,
            Requests.clientIp(ctx)));
  }

  public void setStatus(Context ctx) {
    var body = Json.body(ctx, json, UserRequests.SetStatus.class);
    ctx.json(
        service.setStatus(
            Requests.principal(ctx),
            Requests.uuidPathParam(ctx, "id"),
            body,
            Requests.clientIp(ctx)));
  }
}
