package io.influmeter.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.Campaigns;
import io.influmeter.api.support.TestDatabase;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The campaign analytics routes against hand-computed figures of {@link AnalyticsData} (every
 * expected number is worked out in the comments from the rows there).
 */
class AnalyticsApiTest extends ApiTest {
  private AnalyticsData data;

  @BeforeEach
  void seed() {
    data = new AnalyticsData(api, clock.instant());
  }

  private JsonNode get(String path, String token) {
    var response = http.get(path, token);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private String campaignPath(String view) {
    return "/analytics/campaigns/" + data.campaign + "/" + view;
  }

  @Test
  void the_brand_sees_exact_campaign_totals_from_hour_windows_and_billable_orders() {
    JsonNode body = get(campaignPath("summary"), data.brand.accessToken());
    JsonNode t = body.get("totals");

    assertThat(body.get("campaign_id").asText()).isEqualTo(data.campaign.toString());
    assertThat(body.get("currency").asText()).isEqualTo("KES");
    // Hour rows only: A 100 + 50, B 30 (the minute row and the other campaign do not count).
    assertThat(t.get("clicks").asLong()).isEqualTo(180);
    assertThat(t.get("unique_visitors").asLong()).isEqualTo(145);
    assertThat(t.get("bot_clicks").asLong()).isEqualTo(15);
    // o1 and o2; o3 is cancelled, the bot order is not billable, USD and the other campaign are
    // not this campaign's KES orders.
    assertThat(t.get("conversions").asLong()).isEqualTo(2);
    assertThat(t.get("conversion_rate").asText()).isEqualTo("0.0121"); // 2 / (180 - 15)
    assertThat(t.get("revenue_minor").asLong()).isEqualTo(16_000); // 10,000 + 6,000
    assertThat(t.get("refunds_minor").asLong()).isEqualTo(2_000);
    assertThat(t.get("refunded_orders").asLong()).isEqualTo(2); // o2 refunded, o3 cancelled
    assertThat(t.get("net_revenue_minor").asLong()).isEqualTo(14_000);
    assertThat(t.get("commission_minor").asLong()).isEqualTo(1_750);
    assertThat(t.get("followers").asLong()).isEqualTo(12_000);
    assertThat(t.get("views").asLong()).isEqualTo(1_700);
    assertThat(t.get("likes").asLong()).isEqualTo(80);
    assertThat(t.get("comments").asLong()).isEqualTo(17);
    assertThat(t.get("shares").asLong()).isEqualTo(6);
    assertThat(t.get("engagement_rate").asText()).isEqualTo("0.0606"); // 103 / 1700
  }

  @Test
  void freshness_is_the_newest_row_used_and_its_lag_behind_the_clock() {
    JsonNode f = get(campaignPath("summary"), data.brand.accessToken()).get("freshness");

    // PostgreSQL keeps microseconds.
    assertThat(java.time.Instant.parse(f.get("as_of").asText()))
        .isEqualTo(data.newest.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    assertThat(f.get("lag_ms").asLong()).isEqualTo(42_000);
    assertThat(f.get("generated_at").asText()).isEqualTo(clock.instant().toString());
  }

  @Test
  void freshness_is_null_when_no_row_was_used() {
    var empty = Campaigns.now().of(data.brand.id()).insert();
    JsonNode f =
        get("/analytics/campaigns/" + empty + "/summary", data.brand.accessToken())
            .get("freshness");

    assertThat(f.get("as_of").isNull()).isTrue();
    assertThat(f.get("lag_ms").isNull()).isTrue();
  }

  @Test
  void an_influencer_sees_only_their_own_credited_numbers() {
    JsonNode t = get(campaignPath("summary"), data.a.accessToken()).get("totals");

    assertThat(t.get("clicks").asLong()).isEqualTo(150);
    assertThat(t.get("unique_visitors").asLong()).isEqualTo(120);
    assertThat(t.get("conversions").asLong()).isEqualTo(2); // o1 and A's half of o2
    assertThat(t.get("revenue_minor").asLong()).isEqualTo(13_000); // 10,000 + 2,000 + 1,000
    assertThat(t.get("refunds_minor").asLong()).isEqualTo(1_000); // half of o2's 2,000
    assertThat(t.get("net_revenue_minor").asLong()).isEqualTo(12_000);
    assertThat(t.get("commission_minor").asLong()).isEqualTo(1_500);
    assertThat(t.get("refunded_orders").asLong()).isEqualTo(1);
    assertThat(t.get("followers").asLong()).isEqualTo(10_000);
    assertThat(t.get("engagement_rate").asText()).isEqualTo("0.0600"); // 90 / 1500
    assertThat(t.get("conversion_rate").asText()).isEqualTo("0.0143"); // 2 / 140
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // filter, expected clicks, conversions, revenue, net, followers
    "gender=MALE, 30, 1, 3000, 2000, 2000",
    "gender=female, 150, 2, 13000, 12000, 10000",
    "region=nairobi, 150, 2, 13000, 12000, 10000",
    "industry=Tech, 30, 1, 3000, 2000, 2000",
    "platform=INSTAGRAM, 150, 2, 13000, 12000, 10000",
    "followers_min=5000, 150, 2, 13000, 12000, 10000",
    "followers_max=5000, 30, 1, 3000, 2000, 2000",
    "region=Nairobi&gender=MALE, 0, 0, 0, 0, ",
  })
  void every_filter_counts_only_the_matching_influencers_shares(
      String filter, long clicks, long conversions, long revenue, long net, Long followers) {
    JsonNode t =
        get(campaignPath("summary") + "?" + filter, data.brand.accessToken()).get("totals");

    assertThat(t.get("clicks").asLong()).isEqualTo(clicks);
    assertThat(t.get("conversions").asLong()).isEqualTo(conversions);
    assertThat(t.get("revenue_minor").asLong()).isEqualTo(revenue);
    assertThat(t.get("net_revenue_minor").asLong()).isEqualTo(net);
    if (followers == null) {
      assertThat(t.get("followers").isNull()).isTrue();
    } else {
      assertThat(t.get("followers").asLong()).isEqualTo(followers);
    }
  }

  @Test
  void the_date_range_limits_windows_and_orders() {
    // [h2, h2 + 1 h): A's second hour and o2.
    String range = "?from=" + data.h2 + "&to=" + data.h2.plusSeconds(3600);
    JsonNode t = get(campaignPath("summary") + range, data.brand.accessToken()).get("totals");

    assertThat(t.get("clicks").asLong()).isEqualTo(50);
    assertThat(t.get("conversions").asLong()).isEqualTo(1);
    assertThat(t.get("revenue_minor").asLong()).isEqualTo(6_000);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "gender=robot, gender",
    "platform=myspace, platform",
    "followers_min=-1, followers_min",
    "tz=Mars/Olympus, tz",
    "from=yesterday, from",
    "bucket=week, bucket"
  })
  void unknown_parameter_values_are_a_problem_naming_the_parameter(String query, String field) {
    var response = http.get(campaignPath("timeseries") + "?" + query, data.brand.accessToken());

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().at("/errors/0/field").asText()).isEqualTo(field);
  }

  @Test
  void another_brand_and_a_non_participant_get_404_as_for_a_campaign_that_does_not_exist() {
    var otherBrand = api.register("BRAND");
    var outsider = api.register("INFLUENCER");

    assertThat(http.get(campaignPath("summary"), otherBrand.accessToken()).status()).isEqualTo(404);
    assertThat(http.get(campaignPath("timeseries"), outsider.accessToken()).status())
        .isEqualTo(404);
    assertThat(http.get(campaignPath("leaderboard"), otherBrand.accessToken()).status())
        .isEqualTo(404);
    assertThat(
            http.get(
                    "/analytics/campaigns/" + java.util.UUID.randomUUID() + "/summary",
                    data.brand.accessToken())
                .status())
        .isEqualTo(404);
  }

  @Test
  void an_hour_series_sums_hour_windows_and_orders_per_utc_hour() {
    JsonNode body = get(campaignPath("timeseries"), data.brand.accessToken());
    JsonNode points = body.get("points");

    assertThat(body.get("bucket").asText()).isEqualTo("hour");
    assertThat(body.get("tz").asText()).isEqualTo("Z");
    assertThat(points).hasSize(2);
    DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    assertThat(points.get(0).get("t").asText())
        .isEqualTo(data.h1.atOffset(ZoneOffset.UTC).format(iso));
    assertThat(points.get(0).get("clicks").asLong()).isEqualTo(130);
    assertThat(points.get(0).get("unique_visitors").asLong()).isEqualTo(105);
    assertThat(points.get(0).get("bot_clicks").asLong()).isEqualTo(15);
    assertThat(points.get(0).get("conversions").asLong()).isEqualTo(1); // o1 (o3 cancelled)
    assertThat(points.get(0).get("revenue_minor").asLong()).isEqualTo(10_000);
    assertThat(points.get(0).get("commission_minor").asLong()).isEqualTo(1_250);
    assertThat(points.get(1).get("clicks").asLong()).isEqualTo(50);
    assertThat(points.get(1).get("conversions").asLong()).isEqualTo(1);
    assertThat(points.get(1).get("revenue_minor").asLong()).isEqualTo(6_000);
    assertThat(body.at("/freshness/lag_ms").asLong()).isEqualTo(42_000);
  }

  @Test
  void a_minute_series_reads_minute_windows_and_buckets_orders_by_minute() {
    JsonNode points =
        get(campaignPath("timeseries?bucket=minute"), data.brand.accessToken()).get("points");

    assertThat(points.get(0).get("clicks").asLong()).isEqualTo(999);
    long conversions = 0;
    List<String> labels = new ArrayList<>();
    for (JsonNode p : points) {
      conversions += p.get("conversions").asLong();
      labels.add(p.get("t").asText());
    }
    assertThat(conversions).isEqualTo(2);
    DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    assertThat(labels)
        .contains(
            data.h1.plusSeconds(600).atOffset(ZoneOffset.UTC).format(iso),
            data.h2.plusSeconds(300).atOffset(ZoneOffset.UTC).format(iso));
  }

  @Test
  void hour_buckets_across_both_dst_changes_are_labelled_with_the_zones_offset() {
    String c = data.campaign.toString();
    var rows = io.influmeter.api.support.ResultRows.of();
    for (String start :
        List.of(
            "2026-03-29T00:00:00Z",
            "2026-03-29T01:00:00Z",
            "2026-10-25T00:00:00Z",
            "2026-10-25T01:00:00Z")) {
      rows.window(
          new io.influmeter.api.support.ResultRows.Window(
              c,
              data.a.id(),
              "HOUR",
              java.time.Instant.parse(start),
              1,
              1,
              0,
              0,
              0,
              0,
              0,
              data.newest));
    }
    String query = "?tz=Europe/Berlin&from=2026-03-28T00:00:00Z&to=2026-10-26T00:00:00Z";

    JsonNode body = get(campaignPath("timeseries") + query, data.brand.accessToken());

    List<String> labels = new ArrayList<>();
    body.get("points").forEach(p -> labels.add(p.get("t").asText()));
    // Spring: 01:00 CET, then 03:00 CEST (02:00 never happens). Autumn: 02:00 CEST, then 02:00
    // CET again; the offsets tell the two apart.
    assertThat(labels)
        .containsExactly(
            "2026-03-29T01:00:00+01:00",
            "2026-03-29T03:00:00+02:00",
            "2026-10-25T02:00:00+02:00",
            "2026-10-25T02:00:00+01:00");
    assertThat(body.get("tz").asText()).isEqualTo("Europe/Berlin");
  }

  private List<String> board(String by) {
    JsonNode body = get(campaignPath("leaderboard?by=" + by), data.brand.accessToken());
    assertThat(body.get("by").asText()).isEqualTo(by);
    List<String> order = new ArrayList<>();
    int rank = 1;
    for (JsonNode row : body.get("rows")) {
      assertThat(row.get("rank").asInt()).isEqualTo(rank++);
      order.add(row.get("influencer_id").asText());
    }
    return order;
  }

  @Test
  void each_leaderboard_orders_by_its_metric_and_breaks_ties_by_influencer_id() {
    String a = data.a.id().toString();
    String b = data.b.id().toString();
    List<String> byId = a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);

    assertThat(board("revenue")).containsExactly(a, b); // 13,000 vs 3,000
    assertThat(board("net_revenue")).containsExactly(a, b); // 12,000 vs 2,000
    assertThat(board("conversions")).containsExactly(a, b); // 2 vs 1
    assertThat(board("clicks")).containsExactly(a, b); // 150 vs 30
    assertThat(board("engagement_rate")).containsExactly(b, a); // 0.0650 vs 0.0600
    assertThat(board("revenue_per_1k_followers")).containsExactly(a, b); // 1200.00 vs 1000.00
    assertThat(board("roas")).containsExactlyElementsOf(byId); // 8.0000 both: tie
  }

  @Test
  void leaderboard_rows_carry_exact_figures_and_the_limit_applies() {
    JsonNode rows =
        get(campaignPath("leaderboard?by=revenue&limit=1"), data.brand.accessToken()).get("rows");

    assertThat(rows).hasSize(1);
    JsonNode top = rows.get(0);
    assertThat(top.get("influencer_id").asText()).isEqualTo(data.a.id().toString());
    assertThat(top.get("followers").asLong()).isEqualTo(10_000);
    assertThat(top.get("clicks").asLong()).isEqualTo(150);
    assertThat(top.get("conversions").asLong()).isEqualTo(2);
    assertThat(top.get("revenue_minor").asLong()).isEqualTo(13_000);
    assertThat(top.get("net_revenue_minor").asLong()).isEqualTo(12_000);
    assertThat(top.get("commission_minor").asLong()).isEqualTo(1_500);
    assertThat(top.get("engagement_rate").asText()).isEqualTo("0.0600");
    assertThat(top.get("revenue_per_1k_followers").asText()).isEqualTo("1200.00");
    assertThat(top.get("roas").asText()).isEqualTo("8.0000");
    assertThat(
            http.get(campaignPath("leaderboard?by=likes"), data.brand.accessToken())
                .json()
                .at("/errors/0/field")
                .asText())
        .isEqualTo("by");
  }

  @Test
  void the_platform_leaderboard_ranks_every_campaign_in_one_currency() {
    var admin = api.admin();
    JsonNode kes = get("/analytics/leaderboard?currency=KES&by=revenue", admin.accessToken());
    JsonNode usd = get("/analytics/leaderboard?currency=usd&by=revenue", admin.accessToken());

    JsonNode top = kes.get("rows").get(0);
    assertThat(top.get("influencer_id").asText()).isEqualTo(data.a.id().toString());
    // o1 10,000 + half of o2 3,000 + the other campaign's 70,000; clicks 150 + 7,000.
    assertThat(top.get("revenue_minor").asLong()).isEqualTo(83_000);
    assertThat(top.get("clicks").asLong()).isEqualTo(7_150);
    assertThat(kes.get("rows").get(1).get("revenue_minor").asLong()).isEqualTo(3_000);
    assertThat(kes.get("campaign_id").isNull()).isTrue();
    assertThat(usd.get("currency").asText()).isEqualTo("USD");
    assertThat(usd.at("/rows/0/revenue_minor").asLong()).isEqualTo(900);
    assertThat(http.get("/analytics/leaderboard", admin.accessToken()).status()).isEqualTo(400);
  }

  @Test
  void an_influencer_reads_their_own_totals_across_campaigns_with_money_per_currency() {
    JsonNode body = get("/analytics/influencers/me/summary", data.a.accessToken());

    assertThat(body.get("influencer_id").asText()).isEqualTo(data.a.id().toString());
    assertThat(body.at("/totals/clicks").asLong()).isEqualTo(7_150);
    assertThat(body.at("/totals/conversions").asLong()).isEqualTo(4); // o1, o2, other, usd
    Map<String, JsonNode> money = new java.util.HashMap<>();
    body.get("money").forEach(m -> money.put(m.get("currency").asText(), m));
    assertThat(money.get("KES").get("revenue_minor").asLong()).isEqualTo(83_000);
    assertThat(money.get("KES").get("commission_minor").asLong()).isEqualTo(1_600);
    assertThat(money.get("USD").get("net_revenue_minor").asLong()).isEqualTo(900);
  }

  @Test
  void reading_does_not_depend_on_the_result_rows_being_final() {
    // The sink upserts early firings too: a non-final window is read like a final one.
    TestDatabase.get()
        .dsl()
        .update(io.influmeter.api.db.Tables.ENGAGEMENT_WINDOWS)
        .set(io.influmeter.api.db.Tables.ENGAGEMENT_WINDOWS.IS_FINAL, false)
        .execute();

    assertThat(get(campaignPath("summary"), data.brand.accessToken()).at("/totals/clicks").asLong())
        .isEqualTo(180);
  }
}
