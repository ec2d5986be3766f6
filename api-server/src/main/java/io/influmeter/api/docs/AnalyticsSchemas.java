package io.influmeter.api.docs;

import static io.influmeter.api.docs.OpenApiSchemas.array;
import static io.influmeter.api.docs.OpenApiSchemas.format;
import static io.influmeter.api.docs.OpenApiSchemas.integer;
import static io.influmeter.api.docs.OpenApiSchemas.object;
import static io.influmeter.api.docs.OpenApiSchemas.prop;
import static io.influmeter.api.docs.OpenApiSchemas.ref;
import static io.influmeter.api.docs.OpenApiSchemas.string;

import io.influmeter.api.docs.OpenApiSchemas.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Schemas of the analytics routes (snake_case, as the analytics contract fixes them). Money is
 * integer minor units of {@code currency}; rates are decimal strings, null when the denominator is
 * 0.
 */
final class AnalyticsSchemas {
  private AnalyticsSchemas() {}

  static void addTo(Map<String, Object> s) {
    s.put(
        "Freshness",
        object(
            List.of("generated_at"),
            prop(
                "as_of",
                format("date-time", "Newest updated_at of the rows used; null when none was used")),
            prop("lag_ms", integer("generated_at - as_of in ms; null with as_of")),
            prop("generated_at", format("date-time", "When this answer was computed"))));
    Property[] activity = {
      prop("clicks", integer("Clicks, bots included")),
      prop(
          "unique_visitors",
          integer(
              "Sum of the hourly windows' distinct visitors: a visitor returning in another hour"
                  + " counts again")),
      prop("bot_clicks", integer("Clicks classified as bots")),
      prop("conversions", integer("Billable orders not cancelled")),
      prop("conversion_rate", string("conversions / (clicks - bot_clicks), 4 decimals")),
      prop("followers", integer("Measured followers of the counted influencers")),
      prop("views", integer("Views gained in the period")),
      prop("likes", integer("Likes gained")),
      prop("comments", integer("Comments gained")),
      prop("shares", integer("Shares gained")),
      prop("engagement_rate", string("(likes + comments + shares) / views, 4 decimals"))
    };
    s.put("AnalyticsActivity", object(List.of("clicks", "conversions"), activity));
    List<Property> totals = new ArrayList<>(List.of(activity));
    totals.add(prop("revenue_minor", integer("Order amounts of those orders")));
    totals.add(prop("commission_minor", integer("Commission owed (on net revenue)")));
    totals.add(prop("refunds_minor", integer("Refunded of those orders")));
    totals.add(prop("refunded_orders", integer("Orders with a refund, or cancelled")));
    totals.add(prop("net_revenue_minor", integer("revenue_minor - refunds_minor")));
    s.put(
        "AnalyticsTotals",
        object(List.of("clicks", "conversions", "revenue_minor"), totals.toArray(Property[]::new)));
    s.put(
        "AnalyticsSummary",
        object(
            List.of("campaign_id", "currency", "totals", "freshness"),
            prop("campaign_id", format("uuid", "Campaign")),
            prop("currency", string("ISO 4217 currency of the money fields")),
            prop("totals", ref("AnalyticsTotals")),
            prop("freshness", ref("Freshness"))));
    s.put(
        "AnalyticsTimeSeries",
        object(
            List.of("campaign_id", "bucket", "tz", "points", "freshness"),
            prop("campaign_id", format("uuid", "Campaign")),
            prop("bucket", string("minute or hour")),
            prop("tz", string("IANA zone of the labels")),
            prop("currency", string("ISO 4217")),
            prop(
                "points",
                array(
                    object(
                        List.of("t"),
                        prop(
                            "t",
                            string(
                                "Bucket start (UTC-aligned window) in tz with its offset, e.g."
                                    + " 2026-03-29T03:00:00+02:00")),
                        prop("clicks", integer("Clicks")),
                        prop("unique_visitors", integer("Distinct visitors of the window")),
                        prop("bot_clicks", integer("Bot clicks")),
                        prop("conversions", integer("Orders placed in the bucket")),
                        prop("revenue_minor", integer("Their order amounts")),
                        prop("commission_minor", integer("Their commission"))))),
            prop("freshness", ref("Freshness"))));
    s.put(
        "AnalyticsLeaderboard",
        object(
            List.of("by", "rows", "freshness"),
            prop("campaign_id", format("uuid", "Campaign; null for the platform-wide board")),
            prop("by", string("The ranking metric")),
            prop("currency", string("ISO 4217")),
            prop(
                "rows",
                array(
                    object(
                        List.of("rank", "influencer_id"),
                        prop("rank", integer("1 = best; ties broken by influencer_id")),
                        prop("influencer_id", string("Influencer")),
                        prop("display_name", string("Public display name")),
                        prop("followers", integer("Measured followers; null when unmeasured")),
                        prop("clicks", integer("Clicks")),
                        prop(
                            "conversions",
                            integer("Orders credited (a shared order counts for each)")),
                        prop("revenue_minor", integer("Credited revenue before refunds")),
                        prop("net_revenue_minor", integer("Credited revenue after refunds")),
                        prop("commission_minor", integer("Commission credited")),
                        prop("engagement_rate", string("4 decimals")),
                        prop(
                            "revenue_per_1k_followers",
                            string("net_revenue_minor x 1000 / followers, 2 decimals")),
                        prop("roas", string("net_revenue_minor / commission_minor, 4 decimals"))))),
            prop("freshness", ref("Freshness"))));
    s.put(
        "AnalyticsInfluencerSummary",
        object(
            List.of("influencer_id", "totals", "money", "freshness"),
            prop("influencer_id", format("uuid", "You")),
            prop("from", format("date-time", "Start of the period")),
            prop("to", format("date-time", "End of the period (exclusive)")),
            prop("totals", ref("AnalyticsActivity")),
            prop(
                "money",
                array(
                    object(
                        List.of("currency"),
                        prop("currency", string("ISO 4217")),
                        prop("conversions", integer("Orders credited to you")),
                        prop("revenue_minor", integer("Your credited revenue before refunds")),
                        prop("refunds_minor", integer("Your share of refunds")),
                        prop("net_revenue_minor", integer("Your credited net revenue")),
                        prop("commission_minor", integer("Commission owed to you"))))),
            prop("freshness", ref("Freshness"))));
  }
}
