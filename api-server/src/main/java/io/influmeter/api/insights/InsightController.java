package io.influmeter.api.insights;

import io.influmeter.api.auth.Principal;
import io.influmeter.api.auth.Role;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.http.RateLimiter;
import io.influmeter.api.http.Requests;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST/GET /campaigns/{id}/insights} (the campaign's brand or an admin; any other brand gets
 * 404, as for an id that does not exist) and {@code GET /admin/insights/costs}.
 */
public final class InsightController {
  static final int MAX_COST_DAYS = 366;

  private final InsightEngine engine;
  private final InsightRepository insights;
  private final RateLimiter limiter;
  private final Duration onDemandInterval;
  private final Clock clock;

  public InsightController(
      InsightEngine engine,
      InsightRepository insights,
      RateLimiter limiter,
      Duration onDemandInterval,
      Clock clock) {
    this.engine = engine;
    this.insights = insights;
    this.limiter = limiter;
    this.onDemandInterval = onDemandInterval;
    this.clock = clock;
  }

  public void create(Context ctx) {
    CampaignSummary campaign = visibleCampaign(ctx);
    // One bucket per campaign shared by its brand and admins, in PostgreSQL so every instance
    // counts the same requests: reports cost money.
    Duration wait =
        limiter.tryAcquire(
            "insights:campaign:" + campaign.id(), 1, 1.0 / onDemandInterval.toSeconds());
    if (!wait.isZero()) {
      throw ApiException.tooManyRequests("rate-limited", (wait.toMillis() + 999) / 1000);
    }
    Insight insight;
    try {
      insight = engine.onDemand(campaign);
    } catch (ReportWriter.WriterException e) {
      throw new ApiException(
          e.permanent() ? 422 : 503,
          e.permanent() ? "insight-refused" : "insight-unavailable",
          "No report",
          e.permanent()
              ? "The report could not be written: " + e.getMessage()
              : "The AI provider is not answering; try again later.",
          List.of(),
          e.permanent() ? Map.of() : Map.of("Retry-After", "60"));
    }
    ctx.status(201).json(insight);
  }

  /** A page of reports, newest first. */
  public record Page(List<Insight> insights, Integer nextOffset) {}

  public void list(Context ctx) {
    CampaignSummary campaign = visibleCampaign(ctx);
    int limit = Requests.intQueryParam(ctx, "limit", 20, 1, 100);
    int offset = Requests.intQueryParam(ctx, "offset", 0, 0, 1_000_000);
    List<Insight> page = insights.list(campaign.id(), limit + 1, offset);
    boolean more = page.size() > limit;
    ctx.json(new Page(more ? page.subList(0, limit) : page, more ? offset + limit : null));
  }

  /** Cost report: from and to are inclusive UTC dates (default: the last 30 days). */
  public record Costs(LocalDate from, LocalDate to, List<InsightRepository.DailyCost> days) {}

  public void costs(Context ctx) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate to = date(ctx, "to", today);
    LocalDate from = date(ctx, "from", to.minusDays(29));
    if (from.isAfter(to)) {
      throw ApiException.validation(
          List.of(new ApiException.FieldError("from", "must not be after to")));
    }
    if (from.plusDays(MAX_COST_DAYS).isBefore(to)) {
      throw ApiException.validation(
          List.of(
              new ApiException.FieldError("to", "at most " + MAX_COST_DAYS + " days after from")));
    }
    ctx.json(
        new Costs(
            from,
            to,
            insights.dailyCosts(
                from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())));
  }

  private CampaignSummary visibleCampaign(Context ctx) {
    Principal principal = Requests.principal(ctx);
    UUID id = Requests.uuidPathParam(ctx, "id");
    CampaignSummary campaign = engine.campaign(id).orElseThrow(ApiException::notFound);
    boolean visible =
        principal.role() == Role.ADMIN
            || (principal.role() == Role.BRAND && campaign.brandId().equals(principal.userId()));
    if (!visible) {
      throw ApiException.notFound();
    }
    return campaign;
  }

  private static LocalDate date(Context ctx, String name, LocalDate fallback) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return fallback;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.validation(
          List.of(new ApiException.FieldError(name, "must be a date such as 2026-01-31")));
    }
  }
}
