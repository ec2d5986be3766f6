package io.influmeter.api.analytics;

import static io.influmeter.api.db.Tables.ATTRIBUTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CSV exports: RFC 4180 lines, visibility, and that the orders table streams. */
class AnalyticsExportTest extends ApiTest {
  private AnalyticsData data;

  @BeforeEach
  void seed() {
    data = new AnalyticsData(api, clock.instant());
  }

  private List<String> csv(String table, String token) {
    var response =
        http.get("/analytics/campaigns/" + data.campaign + "/export.csv?table=" + table, token);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("text/csv");
    assertThat(response.body()).endsWith("\r\n");
    return List.of(response.body().split("\r\n"));
  }

  @Test
  void the_orders_export_has_one_line_per_credit_of_the_campaigns_orders_in_order_time() {
    List<String> lines = csv("orders", data.brand.accessToken());

    assertThat(lines.get(0))
        .isEqualTo(
            "order_time,store_id,order_id,method,billable,cancelled,currency,order_amount_minor,"
                + "refunded_amount_minor,net_amount_minor,influencer_id,share_ppm,"
                + "credited_net_revenue_minor,credited_commission_minor");
    // bot (h1+1m), o1 (h1+10m), o3 (h1+20m), o2 twice (h2+5m); the USD and other campaign's
    // orders are not this campaign's KES orders.
    assertThat(lines).hasSize(6);
    assertThat(lines.get(1)).contains(",bot,").contains(",false,false,KES,5000,");
    assertThat(lines.get(2))
        .isEqualTo(
            data.h1.plusSeconds(600)
                + ",store-1,o1,CLICK_ID,true,false,KES,10000,0,10000,"
                + data.a.id()
                + ",1000000,10000,1250");
    assertThat(lines.get(3)).contains(",o3,").contains(",true,true,KES,3000,0,0,");
    assertThat(lines.subList(4, 6))
        .allMatch(l -> l.contains(",o2,") && l.endsWith(",500000,2000,250"));
  }

  @Test
  void an_influencer_exports_only_their_own_credits_and_influencer_rows() {
    List<String> orders = csv("orders", data.a.accessToken());
    List<String> influencers = csv("influencers", data.a.accessToken());

    assertThat(orders).hasSize(4); // bot, o1, A's half of o2
    assertThat(orders.subList(1, 4)).allMatch(l -> l.contains("," + data.a.id() + ","));
    assertThat(influencers).hasSize(2);
    assertThat(influencers.get(1)).startsWith("1," + data.a.id() + ",");
  }

  @Test
  void the_influencer_and_time_series_tables_match_the_json_answers() {
    List<String> influencers = csv("influencers", data.brand.accessToken());
    List<String> series = csv("timeseries", data.brand.accessToken());

    assertThat(influencers).hasSize(3);
    assertThat(influencers.get(1))
        .endsWith(",10000,150,2,KES,13000,12000,1500,0.0600,1200.00,8.0000");
    assertThat(series).hasSize(3);
    assertThat(series.get(1)).endsWith(",130,105,15,1,KES,10000,1250");
  }

  @Test
  void the_report_is_a_self_contained_page_with_svg_charts_and_escaped_names() {
    io.influmeter.api.support.TestDatabase.get()
        .dsl()
        .update(io.influmeter.api.db.Tables.CAMPAIGNS)
        .set(io.influmeter.api.db.Tables.CAMPAIGNS.NAME, "<script>alert(1)</script> & co")
        .where(io.influmeter.api.db.Tables.CAMPAIGNS.ID.eq(data.campaign))
        .execute();

    var response =
        http.get("/analytics/campaigns/" + data.campaign + "/report", data.brand.accessToken());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("text/html");
    String html = response.body();
    assertThat(html)
        .doesNotContain("<script")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
    assertThat(html).contains("<svg").contains("<rect");
    assertThat(html).contains("KES 160.00").contains("KES 140.00"); // revenue, net revenue
    assertThat(response.header("Content-Security-Policy"))
        .startsWith("default-src 'none'; style-src 'sha256-")
        .doesNotContain("script-src");
  }

  @Test
  void an_unknown_table_is_a_problem_naming_the_parameter() {
    var response =
        http.get(
            "/analytics/campaigns/" + data.campaign + "/export.csv?table=secrets",
            data.brand.accessToken());

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("table");
  }

  @Test
  void fifty_thousand_orders_stream_the_first_lines_arrive_while_the_cursor_is_still_open()
      throws Exception {
    var dsl = TestDatabase.get().dsl();
    var n = DSL.field(DSL.name("n"), SQLDataType.INTEGER);
    LocalDateTime at = LocalDateTime.ofInstant(data.h1, ZoneOffset.UTC);
    String credits =
        "[{\"influencer_id\":\""
            + data.a.id()
            + "\",\"link_id\":\"l\",\"share_ppm\":1000000,\"revenue_minor\":100,"
            + "\"commission_minor\":10}]";
    dsl.insertInto(
            ATTRIBUTIONS,
            ATTRIBUTIONS.STORE_ID,
            ATTRIBUTIONS.ORDER_ID,
            ATTRIBUTIONS.BRAND_ID,
            ATTRIBUTIONS.CAMPAIGN_ID,
            ATTRIBUTIONS.METHOD,
            ATTRIBUTIONS.ATTRIBUTION_MODEL,
            ATTRIBUTIONS.CURRENCY,
            ATTRIBUTIONS.ORDER_AMOUNT_MINOR,
            ATTRIBUTIONS.REFUNDED_AMOUNT_MINOR,
            ATTRIBUTIONS.NET_AMOUNT_MINOR,
            ATTRIBUTIONS.COMMISSION_MINOR,
            ATTRIBUTIONS.CANCELLED,
            ATTRIBUTIONS.CREDITS,
            ATTRIBUTIONS.BILLABLE,
            ATTRIBUTIONS.ORDER_TIME,
            ATTRIBUTIONS.UPDATED_AT,
            ATTRIBUTIONS.REVISION)
        .select(
            DSL.select(
                    DSL.inline("bulk"),
                    DSL.concat(DSL.inline("order-"), n.cast(SQLDataType.VARCHAR)),
                    DSL.inline(data.brand.id().toString()),
                    DSL.inline(data.campaign.toString()),
                    DSL.inline("PROMO_CODE"),
                    DSL.inline("LAST_CLICK"),
                    DSL.inline("KES"),
                    DSL.inline(100L),
                    DSL.inline(0L),
                    DSL.inline(100L),
                    DSL.inline(10L),
                    DSL.inline(false),
                    DSL.inline(org.jooq.JSON.valueOf(credits)),
                    DSL.inline(true),
                    DSL.inline(at),
                    DSL.inline(at),
                    DSL.inline(1L))
                .from(DSL.generateSeries(1, 50_000).as("s", "n")))
        .execute();

    var url =
        URI.create(
                "http://127.0.0.1:"
                    + api.server().port()
                    + "/analytics/campaigns/"
                    + data.campaign
                    + "/export.csv?table=orders")
            .toURL();
    var connection = (HttpURLConnection) url.openConnection();
    connection.setRequestProperty("Authorization", "Bearer " + data.brand.accessToken());
    try (var reader =
        new BufferedReader(
            new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8), 1024)) {
      assertThat(reader.readLine()).startsWith("order_time,");
      assertThat(reader.readLine()).isNotEmpty();
      // The client has read two lines of ~7 MB: the server cannot have written them all, so its
      // transaction (the cursor) must still be open.
      assertThat(openExportTransactions()).isEqualTo(1);
      assertThat(connection.getHeaderField("Content-Length")).isNull();
      long lines = 2 + reader.lines().count();
      assertThat(lines).isEqualTo(1 + 50_000 + 5);
    }
    assertThat(openExportTransactions()).isZero();
  }

  private static int openExportTransactions() {
    return TestDatabase.get()
        .dsl()
        .fetchCount(
            DSL.selectOne()
                .from(DSL.table(DSL.name("pg_stat_activity")))
                .where(DSL.field(DSL.name("query"), String.class).like("%jsonb_to_recordset%"))
                .and(DSL.field(DSL.name("query"), String.class).notLike("%pg_stat_activity%"))
                .and(DSL.field(DSL.name("xact_start")).isNotNull()));
  }
}
