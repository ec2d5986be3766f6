package io.influmeter.api.applications;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.http.Json;
import io.influmeter.api.http.Requests;
import io.javalin.http.Context;

/** HTTP side of applications and invitations (influencer and brand routes). */
public final class ApplicationController {
  private final ApplicationService service;
  private final ObjectMapper json;

  public ApplicationController(ApplicationService service, ObjectMapper json) {
    this.service = service;
    this.json = json;
  }

  public void apply(Context ctx) {
    var body = Json.body(ctx, json, Participation.Apply.class);
    ctx.status(201)
        .json(
            service.apply(
                Requests.principal(ctx),
                Requests.uuidPathParam(ctx, "id"),
                body,
                Requests.clientIp(ctx)));
  }

  public void withdraw(Context ctx) {
    ctx.json(
        service.withdraw(
            Requests.principal(ctx), Requests.uuidPathParam(ctx, "id"), Requests.clientIp(ctx)));
  }

  public void accept(Context ctx) {
    decide(ctx, true);
  }

  public void decline(Context ctx) {
    decide(ctx, false);
  }

  public void invitations(Context ctx) {
    ctx.json(service.invitations(Requests.principal(ctx)));
  }

  public void acceptInvitation(Context ctx) {
    answer(ctx, true);
  }

  public void declineInvitation(Context ctx) {
    answer(ctx, false);
  }

  private void decide(Context ctx, boolean accept) {
    ctx.json(
        service.decideApplication(
            Requests.principal(ctx),
            Requests.uuidPathParam(ctx, "id"),
            Requests.uuidPathParam(ctx, "influencerId"),
            accept,
            Requests.clientIp(ctx)));
  }

  private void answer(Context ctx, boolean accept) {
    ctx.json(
        service.answerInvitation(
            Requests.principal(ctx),
            Requests.uuidPathParam(ctx, "campaignId"),
            accept,
            Requests.clientIp(ctx)));
  }
}
