package io.influmeter.api.campaigns;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.http.Json;
import io.influmeter.api.http.Requests;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/** HTTP side of /brands/campaigns and the admin's /admin/campaigns moderation. */
public final class CampaignController {
  private final CampaignService campaigns;
  private final CampaignTransitions transitions;
  private final ObjectMapper json;

  public CampaignController(
      CampaignService campaigns, CampaignTransitions transitions, ObjectMapper json) {
    this.campaigns = campaigns;
    this.transitions = transitions;
    this.json = json;
  }

  public void create(Context ctx) {
    var body = Json.body(ctx, json, CampaignRequests.CampaignInput.class);
    ctx.status(201).json(campaigns.create(Requests.principal(ctx), body, Requests.clientIp(ctx)));
  }

  public void list(Context ctx) {
    ctx.json(campaigns.listOwn(Requests.principal(ctx), status(ctx), limit(ctx), offset(ctx)));
  }

  public void get(Context ctx) {
    ctx.json(campaigns.get(Requests.principal(ctx), Requests.uuidPathParam(ctx, "id")));
  }

  public void update(Context ctx) {
    var body = Json.body(ctx, json, CampaignRequests.CampaignInput.class);
    ctx.json(
        campaigns.update(
            Requests.principal(ctx),
            Requests.uuidPathParam(ctx, "id"),
            body,
            Requests.clientIp(ctx)));
  }

  public void submit(Context ctx) {
    transition(ctx, CampaignAction.SUBMIT, null);
  }

  public void close(Context ctx) {
    transition(ctx, CampaignAction.CLOSE, null);
  }

  public void cancel(Context ctx) {
    transition(ctx, CampaignAction.CANCEL, null);
  }

  public void adminList(Context ctx) {
    ctx.json(campaigns.listAll(status(ctx), limit(ctx), offset(ctx)));
  }

  public void approve(Context ctx) {
    transition(ctx, CampaignAction.APPROVE, null);
  }

  public void reject(Context ctx) {
    var body = Json.body(ctx, json, CampaignRequests.Reject.class);
    transition(ctx, CampaignAction.REJECT, body.reason());
  }

  private void transition(Context ctx, CampaignAction action, String reason) {
    ctx.json(
        transitions.request(
            Requests.principal(ctx),
            Requests.uuidPathParam(ctx, "id"),
            action,
            reason,
            Requests.clientIp(ctx)));
  }

  private static CampaignStatus status(Context ctx) {
    String value = ctx.queryParam("status");
    if (value == null) {
      return null;
    }
    try {
      return CampaignStatus.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.validation(
          List.of(
              new ApiException.FieldError(
                  "status", "must be one of " + List.of(CampaignStatus.values()))));
    }
  }

  static int limit(Context ctx) {
    return Requests.intQueryParam(ctx, "limit", 20, 1, 100);
  }

  static int offset(Context ctx) {
    return Requests.intQueryParam(ctx, "offset", 0, 0, 1_000_000);
  }
}
