package io.influmeter.api.analytics;

import io.influmeter.api.http.ApiException;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The common query parameters of the analytics routes: the period {@code [from, to)}, the zone
 * bucket labels are written in, and the influencer filters. {@code from}/{@code to} are ISO
 * instants ({@code 2026-03-01T00:00:00Z}) or dates; a date means the start of that day in {@code
 * tz} for {@code from} and the end of that day (inclusive) for {@code to}.
 */
public record AnalyticsQuery(Instant from, Instant to, ZoneId tz, AnalyticsFilters filters) {
  /** Longest period one request may cover (bounds the work of one request). */
  static final long MAX_DAYS = 3_700;

  /** Parses the parameters; every bad one is reported in one 400. */
  static AnalyticsQuery parse(Context ctx, Instant defaultFrom, Instant now) {
    List<ApiException.FieldError> errors = new ArrayList<>();
    ZoneId tz = zone(ctx, errors);
    ZoneId dayZone = tz == null ? ZoneOffset.UTC : tz;
    Instant from = time(ctx, "from", dayZone, false, errors);
    Instant to = time(ctx, "to", dayZone, true, errors);
    AnalyticsFilters filters = AnalyticsFilters.parse(ctx, errors);
    Instant start = from == null ? defaultFrom : from;
    Instant end = to == null ? now : to;
    if (errors.isEmpty() && end.isBefore(start)) {
      errors.add(
          new ApiException.FieldError(to == null ? "from" : "to", "must not be before from"));
    }
    if (errors.isEmpty() && start.plus(java.time.Duration.ofDays(MAX_DAYS)).isBefore(end)) {
      errors.add(new ApiException.FieldError("to", "a period spans at most " + MAX_DAYS + " days"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    return new AnalyticsQuery(start, end, tz, filters);
  }

  private static ZoneId zone(Context ctx, List<ApiException.FieldError> errors) {
    String value = ctx.queryParam("tz");
    if (value == null || value.isBlank()) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(value.strip());
    } catch (DateTimeException e) {
      errors.add(new ApiException.FieldError("tz", "unknown time zone; use an IANA name"));
      return null;
    }
  }

  private static Instant time(
      Context ctx,
      String name,
      ZoneId zone,
      boolean endOfDay,
      List<ApiException.FieldError> errors) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip();
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notInstant) {
      try {
        LocalDate day = LocalDate.parse(text);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
      } catch (DateTimeParseException notDate) {
        errors.add(
            new ApiException.FieldError(
                name, "must be an instant (2026-03-01T00:00:00Z) or a date (2026-03-01)"));
        return null;
      }
    }
  }
}
