package io.influmeter.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.http.Json;
import io.influmeter.api.http.Requests;
import io.javalin.http.Context;

/** HTTP side of sign-up and sign-in: reads bodies, calls the service, writes results. */
public final class AuthController {
  private final AuthService service;
  private final SessionService sessions;
  private final ObjectMapper json;

  public AuthController(AuthService service, SessionService sessions, ObjectMapper json) {
    this.service = service;
    this.sessions = sessions;
    this.json = json;
  }

  public void register(Context ctx) {
    var body = Json.body(ctx, json, AuthRequests.Register.class);
    ctx.status(201).json(service.register(body, Requests.clientIp(ctx)));
  }

  public void login(Context ctx) {
    var body = Json.body(ctx, json, AuthRequests.Login.class);
    ctx.json(service.login(body, Requests.clientIp(ctx)));
  }

  public void refresh(Context ctx) {
    var body = Json.body(ctx, json, AuthRequests.Refresh.class);
    ctx.json(sessions.refresh(body, Requests.clientIp(ctx)));
  }

  public void google(Context ctx) {
    var body = Json.body(ctx, json, AuthRequests.GoogleSignIn.class);
    ctx.json(service.signInWithGoogle(body, Requests.clientIp(ctx)));
  }

  public void facebook(Context ctx) {
    var body = Json.body(ctx, json, AuthRequests.FacebookSignIn.class);
    ctx.json(service.signInWithFacebook(body, Requests.clientIp(ctx)));
  }

  public void logout(Context ctx) {
    sessions.logout(Requests.principal(ctx));
    ctx.status(204);
  }

  public void createAdmin(Context ctx) {
    var body = Json.body(ctx, json, AuthRequests.CreateAdmin.class);
    ctx.status(201)
        .json(service.createAdmin(body, Requests.principal(ctx), Requests.clientIp(ctx)));
  }
}
