package io.influmeter.api.analytics;

import io.influmeter.api.analytics.AnalyticsViews.Activity;
import io.influmeter.api.analytics.AnalyticsViews.LeaderboardRow;
import io.influmeter.api.analytics.AnalyticsViews.Point;
import io.influmeter.api.analytics.AnalyticsViews.Summary;
import io.influmeter.api.analytics.AnalyticsViews.Totals;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The printable campaign report: one self-contained HTML page (no script, no external resource),
 * totals, two inline SVG bar charts per UTC day (clicks, revenue) and the top influencers. Every
 * user-written text (campaign name, display names) is HTML-escaped. Its one inline style sheet is
 * allowed by hash in the page's Content-Security-Policy ({@link #CSP}).
 */
final class CampaignReport {
  private static final String STYLE =
      "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
          + "table{border-collapse:collapse;margin:1em 0}"
          + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
          + "th:first-child,td:first-child{text-align:left}"
          + "svg{display:block;margin:1em 0}"
          + "@media print{body{margin:0}}";

  static final String CSP =
      "default-src 'none'; style-src '" + sha256(STYLE) + "'; frame-ancestors 'none'";

  private CampaignReport() {}

  static String html(
      String campaignName,
      CampaignSlice slice,
      Summary summary,
      List<Point> days,
      List<LeaderboardRow> top) {
    String currency = summary.currency();
    Totals t = summary.totals();
    Activity a = t.activity();
    StringBuilder h = new StringBuilder(8_192);
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(escape(campaignName))
        .append(" report</title><style>")
        .append(STYLE)
        .append("</style></head><body><h1>")
        .append(escape(campaignName))
        .append("</h1><p>")
        .append(slice.query().from())
        .append(" to ")
        .append(slice.query().to())
        .append(slice.onlyInfluencer() == null ? "" : " &middot; your own numbers")
        .append(slice.query().filters().any() ? " &middot; filtered influencers" : "")
        .append("<br>Data as of ")
        .append(summary.freshness().asOf() == null ? "no data yet" : summary.freshness().asOf())
        .append(", generated ")
        .append(summary.freshness().generatedAt())
        .append("</p><h2>Totals</h2><table>");
    row(h, "Clicks (bots " + a.botClicks() + ")", Long.toString(a.clicks()));
    row(h, "Unique visitors (sum of hourly windows)", Long.toString(a.uniqueVisitors()));
    row(h, "Conversions", Long.toString(a.conversions()));
    row(h, "Conversion rate", text(a.conversionRate()));
    row(h, "Revenue", money(t.revenueMinor(), currency));
    row(h, "Refunds (" + t.refundedOrders() + " orders)", money(t.refundsMinor(), currency));
    row(h, "Net revenue", money(t.netRevenueMinor(), currency));
    row(h, "Commission", money(t.commissionMinor(), currency));
    row(h, "Engagement rate", text(a.engagementRate()));
    h.append("</table><h2>Clicks per UTC day</h2>");
    bars(h, days, Point::clicks, "clicks");
    h.append("<h2>Revenue per UTC day (").append(escape(currency)).append(")</h2>");
    bars(h, days, Point::revenueMinor, "revenue in minor units");
    h.append("<h2>Top influencers by revenue</h2><table><tr><th>#</th><th>Influencer</th>")
        .append("<th>Clicks</th><th>Conversions</th><th>Net revenue</th><th>ROAS</th></tr>");
    for (LeaderboardRow r : top) {
      h.append("<tr><td>")
          .append(r.rank())
          .append("</td><td>")
          .append(escape(r.displayName() == null ? r.influencerId() : r.displayName()))
          .append("</td><td>")
          .append(r.clicks())
          .append("</td><td>")
          .append(r.conversions())
          .append("</td><td>")
          .append(money(r.netRevenueMinor(), currency))
          .append("</td><td>")
          .append(text(r.roas()))
          .append("</td></tr>");
    }
    return h.append("</table></body></html>").toString();
  }

  /** A bar per point, scaled to the largest value; labels of the first and last day. */
  private static void bars(
      StringBuilder h, List<Point> points, ToLongFunction<Point> value, String what) {
    int width = 720;
    int height = 160;
    long max = points.stream().mapToLong(value).max().orElse(0);
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height + 20)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height + 20)
        .append("\"><title>")
        .append(escape(what))
        .append(" per day, highest ")
        .append(max)
        .append("</title>");
    if (points.isEmpty() || max <= 0) {
      h.append("<text x=\"4\" y=\"20\">No data</text></svg>");
      return;
    }
    double slot = (double) width / points.size();
    for (int i = 0; i < points.size(); i++) {
      long v = value.applyAsLong(points.get(i));
      long barHeight = Math.max(0, Math.round((double) v * height / max));
      h.append("<rect x=\"")
          .append(Math.round(i * slot))
          .append("\" y=\"")
          .append(height - barHeight)
          .append("\" width=\"")
          .append(Math.max(1, Math.round(slot * 0.8)))
          .append("\" height=\"")
          .append(barHeight)
          .append("\" fill=\"#3b6ea5\"><title>")
          .append(escape(points.get(i).t().substring(0, 10)))
          .append(": ")
          .append(v)
          .append("</title></rect>");
    }
    h.append("<text x=\"0\" y=\"")
        .append(height + 16)
        .append("\" font-size=\"11\">")
        .append(escape(points.get(0).t().substring(0, 10)))
        .append("</text><text x=\"")
        .append(width)
        .append("\" y=\"")
        .append(height + 16)
        .append("\" font-size=\"11\" text-anchor=\"end\">")
        .append(escape(points.get(points.size() - 1).t().substring(0, 10)))
        .append("</text></svg>");
  }

  private static void row(StringBuilder h, String label, String value) {
    h.append("<tr><th>")
        .append(escape(label))
        .append("</th><td>")
        .append(value)
        .append("</td></tr>");
  }

  /** Minor units as a decimal amount in the currency's own decimals (display only). */
  private static String money(long minor, String currency) {
    int digits;
    try {
      digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException e) {
      digits = 2;
    }
    return escape(currency) + " " + BigDecimal.valueOf(minor, digits).toPlainString();
  }

  private static String text(String value) {
    return value == null ? "&ndash;" : escape(value);
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String sha256(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
