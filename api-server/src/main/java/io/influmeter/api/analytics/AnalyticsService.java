package io.influmeter.api.analytics;

import static io.influmeter.api.db.Tables.ATTRIBUTIONS;
import static io.influmeter.api.db.Tables.ENGAGEMENT_WINDOWS;

import io.influmeter.api.analytics.AnalyticsRepository.CampaignRef;
import io.influmeter.api.analytics.AnalyticsRepository.Profile;
import io.influmeter.api.analytics.AnalyticsViews.Activity;
import io.influmeter.api.analytics.AnalyticsViews.InfluencerSummary;
import io.influmeter.api.analytics.AnalyticsViews.Leaderboard;
import io.influmeter.api.analytics.AnalyticsViews.LeaderboardRow;
import io.influmeter.api.analytics.AnalyticsViews.Money;
import io.influmeter.api.analytics.AnalyticsViews.Point;
import io.influmeter.api.analytics.AnalyticsViews.Summary;
import io.influmeter.api.analytics.AnalyticsViews.TimeSeries;
import io.influmeter.api.analytics.AnalyticsViews.Totals;
import io.influmeter.api.auth.Principal;
import io.influmeter.api.auth.Role;
import io.influmeter.api.http.ApiException;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;

/**
 * Campaign analytics: who may see which rows (a brand its own campaigns, an admin all, an accepted
 * influencer their own numbers; anyone else gets 404, as for an id that does not exist), and the
 * answers assembled from {@link AnalyticsRepository}.
 */
public final class AnalyticsService {
  /** Minute series cover at most this long (a minute row per influencer adds up fast). */
  static final Duration MAX_MINUTE_SPAN = Duration.ofDays(7);

  /** campaign_id of the per-influencer overall rows of engagement_windows. */
  private static final String OVERALL = "*";

  private final AnalyticsRepository repository;
  private final CampaignAccess access;
  private final Clock clock;

  public AnalyticsService(org.jooq.DSLContext dsl, Clock clock) {
    this.repository = new AnalyticsRepository(dsl);
    this.access = new CampaignAccess(repository);
    this.clock = clock;
  }

  AnalyticsRepository repository() {
    return repository;
  }

  /** The campaign as the caller may see it, with the request's period and filters. */
  CampaignSlice slice(Principal principal, UUID campaignId, Context ctx, Duration defaultSpan) {
    CampaignRef campaign =
        access
            .visible(principal.userId(), principal.role(), campaignId)
            .orElseThrow(ApiException::notFound);
    String only = principal.role() == Role.INFLUENCER ? principal.userId().toString() : null;
    Instant now = clock.instant();
    Instant defaultFrom = campaign.startsAt();
    if (defaultSpan != null && defaultFrom.isBefore(now.minus(defaultSpan))) {
      defaultFrom = now.minus(defaultSpan);
    }
    return new CampaignSlice(campaign, AnalyticsQuery.parse(ctx, defaultFrom, now), only);
  }

  Summary summary(CampaignSlice slice) {
    EngagementFigures engagement =
        total(repository.engagement(null, slice.windows(AnalyticsRepository.HOUR)).values());
    OrderFigures orders = totalOrders(repository.orders(null, slice.orders(), slice.perCredit()));
    List<String> counted = countedInfluencers(slice);
    Long followers = followers(repository.profiles(counted).values());
    return new Summary(
        slice.campaign().id(),
        slice.campaign().currency(),
        Totals.of(engagement, orders, followers),
        Freshness.of(clock.instant(), engagement.newest(), orders.newest()));
  }

  /**
   * Points per {@code bucket}: minute (minute windows), hour or day (hour windows; days are UTC
   * days, used by the report only: a zone's day is not a sum of UTC-aligned windows' days).
   */
  TimeSeries timeSeries(CampaignSlice slice, String bucket) {
    boolean minute = bucket.equals("minute");
    if (minute && slice.query().from().plus(MAX_MINUTE_SPAN).isBefore(slice.query().to())) {
      throw ApiException.validation(
          List.of(
              new ApiException.FieldError(
                  "from", "a minute series spans at most " + MAX_MINUTE_SPAN.toDays() + " days")));
    }
    var windows =
        repository.engagement(
            bucket.equals("day")
                ? AnalyticsRepository.truncate("day", ENGAGEMENT_WINDOWS.WINDOW_START)
                : ENGAGEMENT_WINDOWS.WINDOW_START,
            slice.windows(minute ? AnalyticsRepository.MINUTE : AnalyticsRepository.HOUR));
    var orders =
        repository.orders(
            AnalyticsRepository.orderBucket(bucket), slice.orders(), slice.perCredit());
    Set<LocalDateTime> starts = new java.util.TreeSet<>(windows.keySet());
    starts.addAll(orders.keySet());
    List<Point> points = new ArrayList<>();
    DateTimeFormatter format = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    LocalDateTime newest = null;
    for (LocalDateTime start : starts) {
      EngagementFigures e = windows.getOrDefault(start, EngagementFigures.ZERO);
      OrderFigures o = orders.getOrDefault(start, OrderFigures.ZERO);
      newest = Newest.of(newest, Newest.of(e.newest(), o.newest()));
      points.add(
          new Point(
              start.toInstant(ZoneOffset.UTC).atZone(slice.query().tz()).format(format),
              e.clicks(),
              e.uniqueVisitors(),
              e.botClicks(),
              o.conversions(),
              o.revenueMinor(),
              o.commissionMinor()));
    }
    return new TimeSeries(
        slice.campaign().id(),
        bucket,
        slice.query().tz().getId(),
        slice.campaign().currency(),
        points,
        Freshness.of(clock.instant(), newest));
  }

  Leaderboard leaderboard(CampaignSlice slice, LeaderboardMetric by, int limit) {
    var engagement =
        repository.engagement(
            ENGAGEMENT_WINDOWS.INFLUENCER_ID, slice.windows(AnalyticsRepository.HOUR));
    var orders =
        // Always per credit: a leaderboard splits shared orders between their influencers.
        repository.orders(AnalyticsRepository.CREDIT_INFLUENCER, slice.creditedOrders(), true);
    Set<String> influencers = new LinkedHashSet<>(countedInfluencers(slice));
    influencers.addAll(engagement.keySet());
    influencers.addAll(orders.keySet());
    return new Leaderboard(
        slice.campaign().id(),
        by.parameter(),
        slice.campaign().currency(),
        rank(influencers, engagement, orders, by, limit),
        Freshness.of(
            clock.instant(), total(engagement.values()).newest(), totalOrders(orders).newest()));
  }

  List<LeaderboardRow> rank(
      Collection<String> influencers,
      Map<String, EngagementFigures> engagement,
      Map<String, OrderFigures> orders,
      LeaderboardMetric by,
      int limit) {
    Map<String, Profile> profiles = repository.profiles(influencers);
    List<LeaderboardRow> rows = new ArrayList<>();
    for (String id : influencers) {
      EngagementFigures e = engagement.getOrDefault(id, EngagementFigures.ZERO);
      OrderFigures o = orders.getOrDefault(id, OrderFigures.ZERO);
      Profile profile = profiles.getOrDefault(id, Profile.UNKNOWN);
      Long followers = profile.followers();
      rows.add(
          new LeaderboardRow(
              0,
              id,
              profile.displayName(),
              followers,
              e.clicks(),
              o.conversions(),
              o.revenueMinor(),
              o.netRevenueMinor(),
              o.commissionMinor(),
              AnalyticsViews.ratio(e.engagements(), e.views(), 4),
              followers == null
                  ? null
                  : AnalyticsViews.ratio(
                      Math.multiplyExact(o.netRevenueMinor(), 1000L), followers, 2),
              AnalyticsViews.ratio(o.netRevenueMinor(), o.commissionMinor(), 4)));
    }
    rows.sort(by.order());
    List<LeaderboardRow> ranked = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, rows.size()); i++) {
      LeaderboardRow r = rows.get(i);
      ranked.add(
          new LeaderboardRow(
              i + 1,
              r.influencerId(),
              r.displayName(),
              r.followers(),
              r.clicks(),
              r.conversions(),
              r.revenueMinor(),
              r.netRevenueMinor(),
              r.commissionMinor(),
              r.engagementRate(),
              r.revenuePer1kFollowers(),
              r.roas()));
    }
    return ranked;
  }

  /** ACCEPTED participants the slice counts (an influencer caller: only themselves). */
  private List<String> countedInfluencers(CampaignSlice slice) {
    List<String> accepted =
        repository.acceptedParticipants(slice.campaign().id(), slice.query().filters());
    if (slice.onlyInfluencer() == null) {
      return accepted;
    }
    return accepted.stream().filter(slice.onlyInfluencer()::equals).toList();
  }

  /** Sum of the measured followers; null when none of them is measured. */
  static Long followers(Collection<Profile> profiles) {
    Long sum = null;
    for (Profile p : profiles) {
      if (p.followers() != null) {
        sum = (sum == null ? 0 : sum) + p.followers();
      }
    }
    return sum;
  }

  static EngagementFigures total(Collection<EngagementFigures> figures) {
    return figures.stream().reduce(EngagementFigures.ZERO, EngagementFigures::plus);
  }

  static <K> OrderFigures totalOrders(Map<K, OrderFigures> figures) {
    return figures.values().stream().reduce(OrderFigures.ZERO, OrderFigures::plus);
  }

  /** Every campaign's windows of every influencer (not the per-influencer "*" rows). */
  private static Condition allCampaignWindows(AnalyticsQuery query) {
    var w = ENGAGEMENT_WINDOWS;
    return w.CAMPAIGN_ID
        .ne(OVERALL)
        .and(w.GRANULARITY.eq(AnalyticsRepository.HOUR))
        .and(w.WINDOW_START.ge(CampaignSlice.utc(query.from())))
        .and(w.WINDOW_START.lt(CampaignSlice.utc(query.to())));
  }

  private static Condition allOrders(AnalyticsQuery query) {
    return ATTRIBUTIONS
        .CAMPAIGN_ID
        .isNotNull()
        .and(ATTRIBUTIONS.ORDER_TIME.ge(CampaignSlice.utc(query.from())))
        .and(ATTRIBUTIONS.ORDER_TIME.lt(CampaignSlice.utc(query.to())));
  }

  /**
   * Platform-wide board over every campaign: money only in {@code currency} (amounts in different
   * currencies cannot be ranked together).
   */
  Leaderboard platformLeaderboard(
      AnalyticsQuery query, String currency, LeaderboardMetric by, int limit) {
    var engagement =
        repository.engagement(
            ENGAGEMENT_WINDOWS.INFLUENCER_ID,
            allCampaignWindows(query)
                .and(query.filters().matches(ENGAGEMENT_WINDOWS.INFLUENCER_ID)));
    var orders =
        repository.orders(
            AnalyticsRepository.CREDIT_INFLUENCER,
            allOrders(query)
                .and(ATTRIBUTIONS.CURRENCY.eq(currency))
                .and(query.filters().matches(AnalyticsRepository.CREDIT_INFLUENCER)),
            true);
    Set<String> influencers = new java.util.TreeSet<>(engagement.keySet());
    influencers.addAll(orders.keySet());
    return new Leaderboard(
        null,
        by.parameter(),
        currency,
        rank(influencers, engagement, orders, by, limit),
        Freshness.of(
            clock.instant(), total(engagement.values()).newest(), totalOrders(orders).newest()));
  }

  /** An influencer's own figures across their campaigns; money per currency. */
  InfluencerSummary influencerSummary(UUID influencerId, AnalyticsQuery query) {
    String id = influencerId.toString();
    EngagementFigures engagement =
        total(
            repository
                .engagement(
                    null, allCampaignWindows(query).and(ENGAGEMENT_WINDOWS.INFLUENCER_ID.eq(id)))
                .values());
    var money =
        repository.orders(
            ATTRIBUTIONS.CURRENCY,
            allOrders(query).and(AnalyticsRepository.CREDIT_INFLUENCER.eq(id)),
            true);
    List<Money> perCurrency = new ArrayList<>();
    money.forEach(
        (currency, o) ->
            perCurrency.add(
                new Money(
                    currency,
                    o.conversions(),
                    o.revenueMinor(),
                    o.refundsMinor(),
                    o.netRevenueMinor(),
                    o.commissionMinor())));
    OrderFigures orders = totalOrders(money);
    Long followers = followers(repository.profiles(List.of(id)).values());
    return new InfluencerSummary(
        influencerId,
        query.from(),
        query.to(),
        Activity.of(engagement, orders.conversions(), followers),
        perCurrency,
        Freshness.of(clock.instant(), engagement.newest(), orders.newest()));
  }
}
