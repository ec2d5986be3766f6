package io.influmeter.api.revenue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.http.Json;
import io.influmeter.api.http.Requests;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** HTTP side of the admin's fee rules, subscriptions and revenue report. */
public final class RevenueController {
  /** A report spans at most this many days (keeps one request's work bounded). */
  static final int MAX_REPORT_DAYS = 3_700;

  private final FeeRuleService rules;
  private final RevenueReport report;
  private final ObjectMapper json;

  public RevenueController(FeeRuleService rules, RevenueReport report, ObjectMapper json) {
    this.rules = rules;
    this.report = report;
    this.json = json;
  }

  public void setCampaignRule(Context ctx) {
    var body = Json.body(ctx, json, RevenueRequests.SetFeeRule.class);
    ctx.json(
        rules.setCampaignRule(
            Requests.principal(ctx),
            Requests.uuidPathParam(ctx, "id"),
            body,
            Requests.clientIp(ctx)));
  }

  public void setPlanRule(Context ctx) {
    var body = Json.body(ctx, json, RevenueRequests.SetFeeRule.class);
    ctx.json(
        rules.setPlanRule(
            Requests.principal(ctx), ctx.pathParam("plan"), body, Requests.clientIp(ctx)));
  }

  public void recordSubscription(Context ctx) {
    var body = Json.body(ctx, json, RevenueRequests.RecordSubscription.class);
    ctx.status(201)
        .json(rules.recordSubscription(Requests.principal(ctx), body, Requests.clientIp(ctx)));
  }

  public void revenue(Context ctx) throws IOException {
    List<ApiException.FieldError> errors = new ArrayList<>();
    LocalDate from = date(ctx, "from", errors);
    LocalDate to = date(ctx, "to", errors);
    String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
    if (!format.equals("json") && !format.equals("csv")) {
      errors.add(new ApiException.FieldError("format", "must be csv or json"));
    }
    if (from != null && to != null) {
      if (to.isBefore(from)) {
        errors.add(new ApiException.FieldError("to", "must not be before from"));
      } else if (from.plusDays(MAX_REPORT_DAYS).isBefore(to)) {
        errors.add(
            new ApiException.FieldError(
                "to", "a report spans at most " + MAX_REPORT_DAYS + " days"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    var built = report.build(from, to);
    if (format.equals("json")) {
      ctx.json(built);
      return;
    }
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header(
        "Content-Disposition", "attachment; filename=\"revenue-" + from + "-" + to + ".csv\"");
    // Written row by row to the response stream, never assembled as one string.
    var out =
        new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
    Csv.row(
        out,
        "month",
        "currency",
        "kind",
        "reference_id",
        "name",
        "basis_minor",
        "conversions",
        "rule",
        "amount_minor");
    for (var line : built.lines()) {
      Csv.row(
          out,
          line.month(),
          line.currency(),
          line.kind(),
          line.referenceId().toString(),
          line.name(),
          Long.toString(line.basisMinor()),
          line.conversions() == null ? "" : line.conversions().toString(),
          line.rule() == null ? "" : line.rule(),
          Long.toString(line.amountMinor()));
    }
    for (var month : built.months()) {
      Csv.row(
          out,
          month.month(),
          month.currency(),
          "TOTAL",
          "",
          "",
          "",
          "",
          "",
          Long.toString(month.totalMinor()));
    }
    out.flush();
  }

  private static LocalDate date(Context ctx, String name, List<ApiException.FieldError> errors) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      errors.add(new ApiException.FieldError(name, "is required (YYYY-MM-DD)"));
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(new ApiException.FieldError(name, "must be a date YYYY-MM-DD"));
      return null;
    }
  }
}
