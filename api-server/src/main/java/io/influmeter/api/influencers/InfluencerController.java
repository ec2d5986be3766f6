package io.influmeter.api.influencers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.http.Json;
import io.influmeter.api.http.Requests;
import io.javalin.http.Context;

/** HTTP side of the influencer's profile and Discover. */
public final class InfluencerController {
  private final InfluencerProfileService profiles;
  private final DiscoverService discover;
  private final ObjectMapper json;

  public InfluencerController(
      InfluencerProfileService profiles, DiscoverService discover, ObjectMapper json) {
    this.profiles = profiles;
    this.discover = discover;
    this.json = json;
  }

  public void profile(Context ctx) {
    ctx.json(profiles.get(Requests.principal(ctx)));
  }

  public void updateProfile(Context ctx) {
    var body = Json.body(ctx, json, InfluencerProfile.Update.class);
    ctx.json(profiles.put(Requests.principal(ctx), body, Requests.clientIp(ctx)));
  }

  public void discover(Context ctx) {
    int limit = Requests.intQueryParam(ctx, "limit", 20, 1, 100);
    int offset = Requests.intQueryParam(ctx, "offset", 0, 0, 1_000_000);
    ctx.json(discover.list(Requests.principal(ctx), limit, offset));
  }
}
