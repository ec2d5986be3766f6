package io.influmeter.api.analytics;

import static io.influmeter.api.db.Tables.ATTRIBUTIONS;
import static io.influmeter.api.db.Tables.ENGAGEMENT_WINDOWS;

import io.influmeter.api.analytics.AnalyticsRepository.CampaignRef;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * What one answer about a campaign counts: the campaign, the period and filters of the request, and
 * (for an influencer) only their own rows. Builds the conditions on both result tables, so summary,
 * time series, leaderboard and exports count the same rows.
 *
 * @param onlyInfluencer the caller's id when an influencer asks (their numbers only), else null
 */
record CampaignSlice(CampaignRef campaign, AnalyticsQuery query, String onlyInfluencer) {

  /**
   * Whether money must come from influencers' credits: with a filter or an influencer caller only
   * some influencers' shares count; otherwise whole orders (a shared order counts once).
   */
  boolean perCredit() {
    return onlyInfluencer != null || query.filters().any();
  }

  Condition counted(Field<String> influencerId) {
    Condition own = onlyInfluencer == null ? DSL.noCondition() : influencerId.eq(onlyInfluencer);
    return own.and(query.filters().matches(influencerId));
  }

  /** Windows of {@code granularity} of the campaign starting in the period. */
  Condition windows(String granularity) {
    var w = ENGAGEMENT_WINDOWS;
    return w.CAMPAIGN_ID
        .eq(campaign.id().toString())
        .and(w.GRANULARITY.eq(granularity))
        .and(w.WINDOW_START.ge(utc(query.from())))
        .and(w.WINDOW_START.lt(utc(query.to())))
        .and(counted(w.INFLUENCER_ID));
  }

  /**
   * Orders of the campaign placed in the period, in the campaign's currency (an order in another
   * currency cannot be added to it; stores of a campaign sell in its currency).
   */
  Condition orders() {
    return perCredit() ? creditedOrders() : campaignOrders();
  }

  /** The same orders, one row per credit of a counted influencer (leaderboards, exports). */
  Condition creditedOrders() {
    return campaignOrders().and(counted(AnalyticsRepository.CREDIT_INFLUENCER));
  }

  private Condition campaignOrders() {
    return ATTRIBUTIONS
        .CAMPAIGN_ID
        .eq(campaign.id().toString())
        .and(ATTRIBUTIONS.CURRENCY.eq(campaign.currency()))
        .and(ATTRIBUTIONS.ORDER_TIME.ge(utc(query.from())))
        .and(ATTRIBUTIONS.ORDER_TIME.lt(utc(query.to())));
  }

  /** The result tables hold UTC timestamps without a zone. */
  static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
