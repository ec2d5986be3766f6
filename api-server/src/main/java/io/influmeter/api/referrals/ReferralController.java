package io.influmeter.api.referrals;

import io.influmeter.api.http.Requests;
import io.javalin.http.Context;

/** HTTP side of referral links, for influencers and brands. */
public final class ReferralController {
  private final ReferralLinkService service;

  public ReferralController(ReferralLinkService service) {
    this.service = service;
  }

  public void mine(Context ctx) {
    ctx.json(service.mine(Requests.principal(ctx)));
  }

  public void ofCampaign(Context ctx) {
    ctx.json(service.ofCampaign(Requests.principal(ctx), Requests.uuidPathParam(ctx, "id")));
  }

  public void pause(Context ctx) {
    change(ctx, ReferralLinkService.Action.PAUSE);
  }

  public void resume(Context ctx) {
    change(ctx, ReferralLinkService.Action.RESUME);
  }

  public void retire(Context ctx) {
    change(ctx, ReferralLinkService.Action.RETIRE);
  }

  private void change(Context ctx, ReferralLinkService.Action action) {
    ctx.json(
        service.change(
            Requests.principal(ctx),
            Requests.uuidPathParam(ctx, "id"),
            action,
            Requests.clientIp(ctx)));
  }
}
