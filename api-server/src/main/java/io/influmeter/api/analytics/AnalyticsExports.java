package io.influmeter.api.analytics;

import io.influmeter.api.analytics.AnalyticsRepository.OrderLine;
import io.influmeter.api.analytics.AnalyticsViews.LeaderboardRow;
import io.influmeter.api.analytics.AnalyticsViews.Point;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.revenue.Csv;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code GET /analytics/campaigns/{id}/export.csv?table=influencers|timeseries|orders}: RFC 4180
 * CSV ({@link Csv}) written to the response as rows arrive. Orders come from a database cursor (one
 * line per influencer credit, any number of them); the influencer and time-series tables are the
 * leaderboard and hour series of the same request (bounded by participants and hours).
 */
final class AnalyticsExports {
  private AnalyticsExports() {}

  static void write(Context ctx, AnalyticsService service, CampaignSlice slice) throws IOException {
    String table = ctx.queryParam("table") == null ? "influencers" : ctx.queryParam("table");
    if (!List.of("influencers", "timeseries", "orders").contains(table)) {
      throw ApiException.validation(
          List.of(
              new ApiException.FieldError("table", "must be influencers, timeseries or orders")));
    }
    // Computed before the first byte so a failing query is still a problem+json answer.
    List<LeaderboardRow> influencers =
        table.equals("influencers")
            ? service.leaderboard(slice, LeaderboardMetric.REVENUE, Integer.MAX_VALUE).rows()
            : List.of();
    List<Point> points =
        table.equals("timeseries") ? service.timeSeries(slice, "hour").points() : List.of();
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header(
        "Content-Disposition",
        "attachment; filename=\"campaign-" + slice.campaign().id() + "-" + table + ".csv\"");
    Writer out =
        new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
    switch (table) {
      case "influencers" -> influencers(out, influencers, slice.campaign().currency());
      case "timeseries" -> timeSeries(out, points, slice.campaign().currency());
      default -> orders(out, service, slice);
    }
    out.flush();
  }

  private static void influencers(Writer out, List<LeaderboardRow> rows, String currency)
      throws IOException {
    Csv.row(
        out,
        "rank",
        "influencer_id",
        "display_name",
        "followers",
        "clicks",
        "conversions",
        "currency",
        "revenue_minor",
        "net_revenue_minor",
        "commission_minor",
        "engagement_rate",
        "revenue_per_1k_followers",
        "roas");
    for (LeaderboardRow r : rows) {
      Csv.row(
          out,
          Integer.toString(r.rank()),
          r.influencerId(),
          r.displayName(),
          text(r.followers()),
          Long.toString(r.clicks()),
          Long.toString(r.conversions()),
          currency,
          Long.toString(r.revenueMinor()),
          Long.toString(r.netRevenueMinor()),
          Long.toString(r.commissionMinor()),
          r.engagementRate(),
          r.revenuePer1kFollowers(),
          r.roas());
    }
  }

  private static void timeSeries(Writer out, List<Point> points, String currency)
      throws IOException {
    Csv.row(
        out,
        "t",
        "clicks",
        "unique_visitors",
        "bot_clicks",
        "conversions",
        "currency",
        "revenue_minor",
        "commission_minor");
    for (Point p : points) {
      Csv.row(
          out,
          p.t(),
          Long.toString(p.clicks()),
          Long.toString(p.uniqueVisitors()),
          Long.toString(p.botClicks()),
          Long.toString(p.conversions()),
          currency,
          Long.toString(p.revenueMinor()),
          Long.toString(p.commissionMinor()));
    }
  }

  private static void orders(Writer out, AnalyticsService service, CampaignSlice slice)
      throws IOException {
    Csv.row(
        out,
        "order_time",
        "store_id",
        "order_id",
        "method",
        "billable",
        "cancelled",
        "currency",
        "order_amount_minor",
        "refunded_amount_minor",
        "net_amount_minor",
        "influencer_id",
        "share_ppm",
        "credited_net_revenue_minor",
        "credited_commission_minor");
    service
        .repository()
        .streamOrders(
            slice.creditedOrders(),
            (OrderLine o) ->
                Csv.row(
                    out,
                    o.orderTime().toInstant(ZoneOffset.UTC).toString(),
                    o.storeId(),
                    o.orderId(),
                    o.method(),
                    Boolean.toString(o.billable()),
                    Boolean.toString(o.cancelled()),
                    o.currency(),
                    Long.toString(o.amountMinor()),
                    Long.toString(o.refundedMinor()),
                    Long.toString(o.netMinor()),
                    o.influencerId(),
                    Long.toString(o.sharePpm()),
                    Long.toString(o.creditedNetMinor()),
                    Long.toString(o.creditedCommissionMinor())));
  }

  private static String text(Long value) {
    return value == null ? "" : value.toString();
  }
}
