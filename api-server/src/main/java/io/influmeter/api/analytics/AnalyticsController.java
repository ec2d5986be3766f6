package io.influmeter.api.analytics;

import io.influmeter.api.http.ApiException;
import io.influmeter.api.http.Requests;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The analytics read routes ({@code /analytics/...}, the analytics contract in the api-server
 * README): every answer carries a freshness block.
 */
public final class AnalyticsController {
  /** Default period of the boards and summaries that have no campaign start to begin at. */
  static final Duration DEFAULT_SPAN = Duration.ofDays(30);

  /** Default period of a minute series without {@code from}. */
  static final Duration DEFAULT_MINUTE_SPAN = Duration.ofHours(24);

  private static final Set<String> BUCKETS = Set.of("minute", "hour");

  private final AnalyticsService service;
  private final Clock clock;

  public AnalyticsController(AnalyticsService service, Clock clock) {
    this.service = service;
    this.clock = clock;
  }

  public void summary(Context ctx) {
    ctx.json(service.summary(slice(ctx, null)));
  }

  public void timeSeries(Context ctx) {
    String bucket = ctx.queryParam("bucket");
    String chosen = bucket == null ? "hour" : bucket.strip().toLowerCase(Locale.ROOT);
    if (!BUCKETS.contains(chosen)) {
      throw ApiException.validation(
          List.of(new ApiException.FieldError("bucket", "must be minute or hour")));
    }
    CampaignSlice slice = slice(ctx, chosen.equals("minute") ? DEFAULT_MINUTE_SPAN : null);
    ctx.json(service.timeSeries(slice, chosen));
  }

  public void leaderboard(Context ctx) {
    LeaderboardMetric by = LeaderboardMetric.parse(ctx.queryParam("by"));
    int limit = Requests.intQueryParam(ctx, "limit", 10, 1, 100);
    ctx.json(service.leaderboard(slice(ctx, null), by, limit));
  }

  public void platformLeaderboard(Context ctx) {
    LeaderboardMetric by = LeaderboardMetric.parse(ctx.queryParam("by"));
    int limit = Requests.intQueryParam(ctx, "limit", 10, 1, 100);
    String currency = ctx.queryParam("currency");
    if (currency == null || !currency.strip().matches("[A-Za-z]{3}")) {
      throw ApiException.validation(
          List.of(
              new ApiException.FieldError(
                  "currency", "is required: the ISO 4217 code the board ranks money in")));
    }
    AnalyticsQuery query = AnalyticsQuery.parse(ctx, defaultFrom(), clock.instant());
    ctx.json(
        service.platformLeaderboard(query, currency.strip().toUpperCase(Locale.ROOT), by, limit));
  }

  public void influencerSummary(Context ctx) {
    AnalyticsQuery query = AnalyticsQuery.parse(ctx, defaultFrom(), clock.instant());
    ctx.json(service.influencerSummary(Requests.principal(ctx).userId(), query));
  }

  public void export(Context ctx) throws java.io.IOException {
    AnalyticsExports.write(ctx, service, slice(ctx, null));
  }

  /** The printable HTML report (same visibility and filters as summary; days are UTC days). */
  public void report(Context ctx) {
    CampaignSlice requested = slice(ctx, null);
    AnalyticsQuery q = requested.query();
    CampaignSlice slice =
        new CampaignSlice(
            requested.campaign(),
            new AnalyticsQuery(q.from(), q.to(), ZoneOffset.UTC, q.filters()),
            requested.onlyInfluencer());
    String html =
        CampaignReport.html(
            slice.campaign().name(),
            slice,
            service.summary(slice),
            service.timeSeries(slice, "day").points(),
            service.leaderboard(slice, LeaderboardMetric.REVENUE, 10).rows());
    ctx.header("Content-Security-Policy", CampaignReport.CSP);
    ctx.html(html);
  }

  CampaignSlice slice(Context ctx, Duration defaultSpan) {
    return service.slice(
        Requests.principal(ctx), Requests.uuidPathParam(ctx, "id"), ctx, defaultSpan);
  }

  private Instant defaultFrom() {
    return clock.instant().minus(DEFAULT_SPAN);
  }
}
