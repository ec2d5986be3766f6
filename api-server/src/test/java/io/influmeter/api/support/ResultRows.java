package io.influmeter.api.support;

import static io.influmeter.api.db.Tables.ATTRIBUTIONS;
import static io.influmeter.api.db.Tables.ENGAGEMENT_WINDOWS;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSON;

/**
 * Rows of the result tables as the Connect JDBC sinks write them ({@code engagement_windows},
 * {@code attributions}: UTC timestamps without a zone), inserted directly with jOOQ.
 */
public final class ResultRows {
  private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
  private final DSLContext dsl;

  public ResultRows(DSLContext dsl) {
    this.dsl = dsl;
  }

  public static ResultRows of() {
    return new ResultRows(TestDatabase.get().dsl());
  }

  /** One engagement window; money columns 0 (analytics reads money from attributions). */
  public record Window(
      String campaignId,
      UUID influencerId,
      String granularity,
      Instant start,
      long clicks,
      long uniqueVisitors,
      long botClicks,
      long views,
      long likes,
      long comments,
      long shares,
      Instant updatedAt) {}

  public ResultRows window(Window w) {
    Duration size = w.granularity().equals("MINUTE") ? Duration.ofMinutes(1) : Duration.ofHours(1);
    var t = ENGAGEMENT_WINDOWS;
    dsl.insertInto(t)
        .set(t.CAMPAIGN_ID, w.campaignId())
        .set(t.INFLUENCER_ID, w.influencerId().toString())
        .set(t.GRANULARITY, w.granularity())
        .set(t.WINDOW_START, utc(w.start()))
        .set(t.WINDOW_END, utc(w.start().plus(size)))
        .set(t.IS_FINAL, true)
        .set(t.CLICKS, w.clicks())
        .set(t.UNIQUE_VISITORS, w.uniqueVisitors())
        .set(t.BOT_CLICKS, w.botClicks())
        .set(t.CONVERSION_COUNT, 0L)
        .set(t.REFUNDS, 0L)
        .set(t.REVENUE_MINOR, 0L)
        .set(t.COMMISSION_MINOR, 0L)
        .set(t.FOLLOWERS_DELTA, 0L)
        .set(t.VIEWS_DELTA, w.views())
        .set(t.LIKES_DELTA, w.likes())
        .set(t.COMMENTS_DELTA, w.comments())
        .set(t.SHARES_DELTA, w.shares())
        .set(t.REACH_DELTA, 0L)
        .set(t.ENGAGEMENT_RATE, (Double) null)
        .set(t.UPDATED_AT, utc(w.updatedAt()))
        .execute();
    return this;
  }

  /** One influencer's credit of an order. */
  public record Credit(UUID influencerId, int sharePpm, long revenueMinor, long commissionMinor) {}

  /** The current attributed state of one order (store "store-1"). */
  public record Order(
      String orderId,
      UUID brandId,
      UUID campaignId,
      String currency,
      long amountMinor,
      long refundedMinor,
      long commissionMinor,
      boolean cancelled,
      boolean billable,
      Instant orderTime,
      Instant updatedAt,
      List<Credit> credits) {}

  public ResultRows order(Order o) {
    List<Map<String, Object>> credits = new ArrayList<>();
    for (Credit c : o.credits()) {
      Map<String, Object> credit = new LinkedHashMap<>();
      credit.put("influencer_id", c.influencerId().toString());
      credit.put("link_id", "link-" + c.influencerId());
      credit.put("share_ppm", c.sharePpm());
      credit.put("revenue_minor", c.revenueMinor());
      credit.put("commission_minor", c.commissionMinor());
      credits.add(credit);
    }
    String creditsJson;
    try {
      creditsJson = JSON_MAPPER.writeValueAsString(credits);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    var t = ATTRIBUTIONS;
    dsl.insertInto(t)
        .set(t.STORE_ID, "store-1")
        .set(t.ORDER_ID, o.orderId())
        .set(t.BRAND_ID, o.brandId().toString())
        .set(t.CAMPAIGN_ID, o.campaignId() == null ? null : o.campaignId().toString())
        .set(t.METHOD, "CLICK_ID")
        .set(t.ATTRIBUTION_MODEL, "LINEAR")
        .set(t.CURRENCY, o.currency())
        .set(t.ORDER_AMOUNT_MINOR, o.amountMinor())
        .set(t.REFUNDED_AMOUNT_MINOR, o.refundedMinor())
        .set(t.NET_AMOUNT_MINOR, o.cancelled() ? 0L : o.amountMinor() - o.refundedMinor())
        .set(t.COMMISSION_MINOR, o.commissionMinor())
        .set(t.CANCELLED, o.cancelled())
        .set(t.CREDITS, JSON.valueOf(creditsJson))
        .set(t.BILLABLE, o.billable())
        .set(t.ORDER_TIME, utc(o.orderTime()))
        .set(t.UPDATED_AT, utc(o.updatedAt()))
        .set(t.REVISION, 1L)
        .execute();
    return this;
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
