package io.influmeter.api.analytics;

import static io.influmeter.api.db.Tables.ATTRIBUTIONS;
import static io.influmeter.api.db.Tables.CAMPAIGNS;
import static io.influmeter.api.db.Tables.CAMPAIGN_PARTICIPANTS;
import static io.influmeter.api.db.Tables.CREATOR_PROFILES;
import static io.influmeter.api.db.Tables.ENGAGEMENT_WINDOWS;
import static io.influmeter.api.db.Tables.USERS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.SelectJoinStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Reads the result tables the Connect JDBC sinks write ({@code engagement_windows}, {@code
 * attributions}) plus the campaign and profile rows around them. One query per kind of figure;
 * callers choose the grouping key (influencer, bucket, currency, or none for totals) and the
 * condition ({@link CampaignSlice} builds them).
 */
final class AnalyticsRepository {
  static final String HOUR = "HOUR";
  static final String MINUTE = "MINUTE";

  /**
   * One row per influencer credit of an order. PostgreSQL evaluates a function in FROM laterally,
   * so each attributions row expands into its credits.
   */
  static final Table<?> CREDITS =
      DSL.table(
          "jsonb_to_recordset(coalesce({0}::jsonb, '[]'::jsonb)) as credit(influencer_id text,"
              + " share_ppm bigint, revenue_minor bigint, commission_minor bigint)",
          ATTRIBUTIONS.CREDITS);

  static final Field<String> CREDIT_INFLUENCER =
      DSL.field(DSL.name("credit", "influencer_id"), SQLDataType.VARCHAR);
  private static final Field<Long> CREDIT_SHARE =
      DSL.field(DSL.name("credit", "share_ppm"), SQLDataType.BIGINT);
  private static final Field<Long> CREDIT_REVENUE =
      DSL.field(DSL.name("credit", "revenue_minor"), SQLDataType.BIGINT);
  private static final Field<Long> CREDIT_COMMISSION =
      DSL.field(DSL.name("credit", "commission_minor"), SQLDataType.BIGINT);

  /** How an order's money is counted: whole orders, or each influencer's credited share. */
  private record Measures(
      Field<Long> revenue, Field<Long> refunds, Field<Long> net, Field<Long> commission) {}

  private static final Condition LIVE = ATTRIBUTIONS.CANCELLED.isFalse();

  private static final Measures WHOLE_ORDERS =
      new Measures(
          DSL.when(LIVE, ATTRIBUTIONS.ORDER_AMOUNT_MINOR).else_(0L),
          DSL.when(LIVE, ATTRIBUTIONS.REFUNDED_AMOUNT_MINOR).else_(0L),
          DSL.when(LIVE, ATTRIBUTIONS.NET_AMOUNT_MINOR).else_(0L),
          ATTRIBUTIONS.COMMISSION_MINOR);

  // The credit carries the influencer's net revenue and commission as the attribution job split
  // them; their share of the refunds is the order's refunds x share (rounded down to a minor
  // unit), so revenue - refunds = net holds per influencer.
  private static final Field<Long> CREDIT_REFUNDS =
      ATTRIBUTIONS.REFUNDED_AMOUNT_MINOR.mul(CREDIT_SHARE).div(DSL.inline(1_000_000L));
  private static final Measures CREDITED_SHARES =
      new Measures(
          DSL.when(LIVE, CREDIT_REVENUE.plus(CREDIT_REFUNDS)).else_(0L),
          DSL.when(LIVE, CREDIT_REFUNDS).else_(0L),
          DSL.when(LIVE, CREDIT_REVENUE).else_(0L),
          CREDIT_COMMISSION);

  /** Rows per round trip of an export's cursor. */
  static final int EXPORT_FETCH_SIZE = 500;

  private final DSLContext dsl;

  AnalyticsRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** What access checks and defaults need of a campaign. */
  record CampaignRef(UUID id, UUID brandId, String name, String currency, Instant startsAt) {}

  Optional<CampaignRef> campaign(UUID id) {
    return dsl.select(
            CAMPAIGNS.ID,
            CAMPAIGNS.BRAND_ID,
            CAMPAIGNS.NAME,
            CAMPAIGNS.CURRENCY,
            CAMPAIGNS.STARTS_AT)
        .from(CAMPAIGNS)
        .where(CAMPAIGNS.ID.eq(id))
        .fetchOptional(
            r ->
                new CampaignRef(
                    r.value1(), r.value2(), r.value3(), r.value4(), r.value5().toInstant()));
  }

  /** ACCEPTED participants of the campaign among the influencers {@code counted} admits. */
  /** Whether the influencer is an ACCEPTED participant of the campaign. */
  boolean isAcceptedParticipant(UUID campaignId, UUID influencerId) {
    return dsl.fetchExists(
        CAMPAIGN_PARTICIPANTS,
        CAMPAIGN_PARTICIPANTS
            .CAMPAIGN_ID
            .eq(campaignId)
            .and(CAMPAIGN_PARTICIPANTS.INFLUENCER_ID.eq(influencerId))
            .and(CAMPAIGN_PARTICIPANTS.STATUS.eq("ACCEPTED")));
  }

  List<String> acceptedParticipants(UUID campaignId, AnalyticsFilters filters) {
    Field<String> id = CAMPAIGN_PARTICIPANTS.INFLUENCER_ID.cast(SQLDataType.VARCHAR);
    return dsl.select(id)
        .from(CAMPAIGN_PARTICIPANTS)
        .where(CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID.eq(campaignId))
        .and(CAMPAIGN_PARTICIPANTS.STATUS.eq("ACCEPTED"))
        .and(filters.matches(id))
        .orderBy(id)
        .fetch(id);
  }

  /** Display name and measured followers of an influencer (null when unmeasured). */
  record Profile(String displayName, Long followers) {
    static final Profile UNKNOWN = new Profile(null, null);
  }

  Map<String, Profile> profiles(Collection<String> influencerIds) {
    List<UUID> ids =
        influencerIds.stream().map(AnalyticsRepository::uuidOrNull).filter(i -> i != null).toList();
    Map<String, Profile> profiles = new HashMap<>();
    if (ids.isEmpty()) {
      return profiles;
    }
    dsl.select(USERS.ID, USERS.DISPLAY_NAME, CREATOR_PROFILES.FOLLOWERS_TOTAL)
        .from(USERS)
        .leftJoin(CREATOR_PROFILES)
        .on(CREATOR_PROFILES.USER_ID.eq(USERS.ID))
        .where(USERS.ID.in(ids))
        .forEach(r -> profiles.put(r.value1().toString(), new Profile(r.value2(), r.value3())));
    return profiles;
  }

  /**
   * Sums of {@code engagement_windows} rows matching {@code where}, per {@code key} (ascending), or
   * one entry under the key null when {@code key} is null.
   */
  <K> Map<K, EngagementFigures> engagement(Field<K> key, Condition where) {
    var w = ENGAGEMENT_WINDOWS;
    List<Field<?>> fields =
        List.of(
            DSL.sum(w.CLICKS),
            DSL.sum(w.UNIQUE_VISITORS),
            DSL.sum(w.BOT_CLICKS),
            DSL.sum(w.VIEWS_DELTA),
            DSL.sum(w.LIKES_DELTA),
            DSL.sum(w.COMMENTS_DELTA),
            DSL.sum(w.SHARES_DELTA),
            DSL.max(w.UPDATED_AT));
    return grouped(
        key,
        dsl.select(withKey(key, fields)).from(w).where(where),
        (r, i) ->
            new EngagementFigures(
                longOf(r.get(i)),
                longOf(r.get(i + 1)),
                longOf(r.get(i + 2)),
                longOf(r.get(i + 3)),
                longOf(r.get(i + 4)),
                longOf(r.get(i + 5)),
                longOf(r.get(i + 6)),
                r.get(i + 7, LocalDateTime.class)));
  }

  /**
   * Sums of billable attributed orders matching {@code where}, per {@code key} (ascending; null:
   * one entry). {@code perCredit}: each influencer's credited share, one row per credit ({@code
   * where} may then use {@link #CREDIT_INFLUENCER}); otherwise whole orders.
   */
  <K> Map<K, OrderFigures> orders(Field<K> key, Condition where, boolean perCredit) {
    Measures m = perCredit ? CREDITED_SHARES : WHOLE_ORDERS;
    List<Field<?>> fields =
        List.of(
            DSL.count().filterWhere(LIVE),
            DSL.sum(m.revenue()),
            DSL.sum(m.refunds()),
            DSL.count()
                .filterWhere(
                    ATTRIBUTIONS.CANCELLED.isTrue().or(ATTRIBUTIONS.REFUNDED_AMOUNT_MINOR.gt(0L))),
            DSL.sum(m.net()),
            DSL.sum(m.commission()),
            DSL.max(ATTRIBUTIONS.UPDATED_AT));
    SelectJoinStep<Record> from =
        perCredit
            ? dsl.select(withKey(key, fields)).from(ATTRIBUTIONS, CREDITS)
            : dsl.select(withKey(key, fields)).from(ATTRIBUTIONS);
    return grouped(
        key,
        from.where(where).and(ATTRIBUTIONS.BILLABLE.isTrue()),
        (r, i) ->
            new OrderFigures(
                longOf(r.get(i)),
                longOf(r.get(i + 1)),
                longOf(r.get(i + 2)),
                longOf(r.get(i + 3)),
                longOf(r.get(i + 4)),
                longOf(r.get(i + 5)),
                r.get(i + 6, LocalDateTime.class)));
  }

  /**
   * Runs {@code select} grouped and ordered by {@code key} (or ungrouped when it is null, one entry
   * under null); {@code build} reads a row's figures from the given first column.
   */
  private static <K, V> Map<K, V> grouped(
      Field<K> key, SelectConditionStep<Record> select, BiFunction<Record, Integer, V> build) {
    var rows = key == null ? select.fetch() : select.groupBy(key).orderBy(key).fetch();
    Map<K, V> result = new LinkedHashMap<>();
    for (Record r : rows) {
      result.put(key == null ? null : r.get(key), build.apply(r, key == null ? 0 : 1));
    }
    return result;
  }

  /** One credit of one order, as the orders export writes it. */
  record OrderLine(
      String storeId,
      String orderId,
      LocalDateTime orderTime,
      String currency,
      long amountMinor,
      long refundedMinor,
      long netMinor,
      boolean cancelled,
      boolean billable,
      String method,
      String influencerId,
      long sharePpm,
      long creditedNetMinor,
      long creditedCommissionMinor) {}

  /** Receives export lines as they are fetched. */
  interface LineSink<T> {
    void accept(T line) throws IOException;
  }

  /**
   * Streams every credit of the orders matching {@code where} (billable or not: the export is the
   * audit trail) to {@code sink} in order time order, from a server-side cursor: PostgreSQL's
   * driver fetches {@code fetchSize} rows at a time only inside a transaction, so the export runs
   * in one (read-only work) and never holds all rows in memory.
   */
  void streamOrders(Condition where, LineSink<OrderLine> sink) throws IOException {
    try {
      dsl.transaction(
          configuration -> {
            try (Cursor<? extends Record> cursor =
                DSL.using(configuration)
                    .select(
                        ATTRIBUTIONS.STORE_ID,
                        ATTRIBUTIONS.ORDER_ID,
                        ATTRIBUTIONS.ORDER_TIME,
                        ATTRIBUTIONS.CURRENCY,
                        ATTRIBUTIONS.ORDER_AMOUNT_MINOR,
                        ATTRIBUTIONS.REFUNDED_AMOUNT_MINOR,
                        ATTRIBUTIONS.NET_AMOUNT_MINOR,
                        ATTRIBUTIONS.CANCELLED,
                        ATTRIBUTIONS.BILLABLE,
                        ATTRIBUTIONS.METHOD,
                        CREDIT_INFLUENCER,
                        CREDIT_SHARE,
                        CREDIT_REVENUE,
                        CREDIT_COMMISSION)
                    .from(ATTRIBUTIONS, CREDITS)
                    .where(where)
                    .orderBy(
                        ATTRIBUTIONS.ORDER_TIME,
                        ATTRIBUTIONS.STORE_ID,
                        ATTRIBUTIONS.ORDER_ID,
                        CREDIT_INFLUENCER)
                    .fetchSize(EXPORT_FETCH_SIZE)
                    .fetchLazy()) {
              for (Record r : cursor) {
                sink.accept(
                    new OrderLine(
                        r.get(ATTRIBUTIONS.STORE_ID),
                        r.get(ATTRIBUTIONS.ORDER_ID),
                        r.get(ATTRIBUTIONS.ORDER_TIME),
                        r.get(ATTRIBUTIONS.CURRENCY),
                        r.get(ATTRIBUTIONS.ORDER_AMOUNT_MINOR),
                        r.get(ATTRIBUTIONS.REFUNDED_AMOUNT_MINOR),
                        r.get(ATTRIBUTIONS.NET_AMOUNT_MINOR),
                        r.get(ATTRIBUTIONS.CANCELLED),
                        r.get(ATTRIBUTIONS.BILLABLE),
                        r.get(ATTRIBUTIONS.METHOD),
                        r.get(CREDIT_INFLUENCER),
                        longOf(r.get(CREDIT_SHARE)),
                        longOf(r.get(CREDIT_REVENUE)),
                        longOf(r.get(CREDIT_COMMISSION))));
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The start of the UTC {@code unit} ("minute", "hour", "day") an order was placed in. */
  static Field<LocalDateTime> orderBucket(String unit) {
    return truncate(unit, ATTRIBUTIONS.ORDER_TIME);
  }

  /** {@code date_trunc(unit, time)}: the start of the UTC unit a timestamp falls in. */
  static Field<LocalDateTime> truncate(String unit, Field<LocalDateTime> time) {
    return DSL.field("date_trunc({0}, {1})", SQLDataType.LOCALDATETIME, DSL.inline(unit), time);
  }

  private static List<Field<?>> withKey(Field<?> key, List<Field<?>> fields) {
    if (key == null) {
      return fields;
    }
    var all = new java.util.ArrayList<Field<?>>(fields.size() + 1);
    all.add(key);
    all.addAll(fields);
    return all;
  }

  private static long longOf(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.longValueExact();
    }
    return ((Number) value).longValue();
  }

  static UUID uuidOrNull(String id) {
    try {
      return id == null ? null : UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
