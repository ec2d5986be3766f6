package io.influmeter.api.insights;

import static io.influmeter.api.db.Tables.CAMPAIGNS;
import static io.influmeter.api.db.Tables.CREATOR_PROFILES;
import static io.influmeter.api.db.Tables.ENGAGEMENT_WINDOWS;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Loads what a report rests on: the campaign row, per-influencer sums of the hourly engagement
 * windows in the period (hourly rows only, so minute rows are not counted twice), and the public
 * profile fields of those influencers. Never reads emails, phones, bios or commissions.
 */
public final class FactsRepository {
  private static final String HOUR = "HOUR";

  private final DSLContext dsl;

  public FactsRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  public Optional<CampaignSummary> campaign(UUID campaignId) {
    return dsl.select(
            CAMPAIGNS.ID,
            CAMPAIGNS.BRAND_ID,
            CAMPAIGNS.NAME,
            CAMPAIGNS.BRIEF,
            CAMPAIGNS.STATUS,
            CAMPAIGNS.BUDGET_MINOR,
            CAMPAIGNS.CURRENCY,
            CAMPAIGNS.STARTS_AT,
            CAMPAIGNS.ENDS_AT,
            CAMPAIGNS.INSIGHTS_EVERY_DAYS)
        .from(CAMPAIGNS)
        .where(CAMPAIGNS.ID.eq(campaignId))
        .fetchOptional(
            r ->
                new CampaignSummary(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    r.value6(),
                    r.value7(),
                    r.value8().toInstant(),
                    r.value9().toInstant(),
                    r.value10()));
  }

  /** Campaigns whose periodic summary the scheduler considers (running ones). */
  public List<CampaignSummary> activeCampaigns() {
    List<UUID> ids =
        dsl.select(CAMPAIGNS.ID)
            .from(CAMPAIGNS)
            .where(CAMPAIGNS.STATUS.eq("ACTIVE"))
            .orderBy(CAMPAIGNS.ID)
            .fetch(CAMPAIGNS.ID);
    List<CampaignSummary> campaigns = new ArrayList<>();
    for (UUID id : ids) {
      campaign(id).ifPresent(campaigns::add);
    }
    return campaigns;
  }

  public ReportFacts load(
      CampaignSummary campaign,
      InsightKind kind,
      Instant from,
      Instant to,
      Optional<TriggerInput> trigger) {
    Field<BigDecimal> clicks = DSL.sum(ENGAGEMENT_WINDOWS.CLICKS);
    Field<BigDecimal> conversions = DSL.sum(ENGAGEMENT_WINDOWS.CONVERSION_COUNT);
    Field<BigDecimal> revenue = DSL.sum(ENGAGEMENT_WINDOWS.REVENUE_MINOR);
    Field<BigDecimal> views = DSL.sum(ENGAGEMENT_WINDOWS.VIEWS_DELTA);
    Field<BigDecimal> engagements =
        DSL.sum(
            ENGAGEMENT_WINDOWS
                .LIKES_DELTA
                .plus(ENGAGEMENT_WINDOWS.COMMENTS_DELTA)
                .plus(ENGAGEMENT_WINDOWS.SHARES_DELTA));
    var rows =
        dsl.select(
                ENGAGEMENT_WINDOWS.INFLUENCER_ID, clicks, conversions, revenue, views, engagements)
            .from(ENGAGEMENT_WINDOWS)
            .where(ENGAGEMENT_WINDOWS.CAMPAIGN_ID.eq(campaign.id().toString()))
            .and(ENGAGEMENT_WINDOWS.GRANULARITY.eq(HOUR))
            .and(ENGAGEMENT_WINDOWS.WINDOW_START.ge(utc(from)))
            .and(ENGAGEMENT_WINDOWS.WINDOW_START.lt(utc(to)))
            .groupBy(ENGAGEMENT_WINDOWS.INFLUENCER_ID)
            .fetch();
    Map<UUID, Profile> profiles = profiles(rows.map(r -> r.value1()));
    List<FactsAssembler.Figures> figures = new ArrayList<>();
    for (var r : rows) {
      Profile profile = profiles.getOrDefault(uuidOrNull(r.value1()), Profile.NONE);
      figures.add(
          new FactsAssembler.Figures(
              r.value1(),
              profile.handle(),
              profile.niche(),
              profile.region(),
              profile.followersTotal(),
              longOf(r.value2()),
              longOf(r.value3()),
              longOf(r.value4()),
              longOf(r.value5()),
              Math.max(0, longOf(r.value6()))));
    }
    return FactsAssembler.assemble(campaign, kind, from, to, figures, trigger);
  }

  private record Profile(String handle, String niche, String region, Long followersTotal) {
    static final Profile NONE = new Profile(null, null, null, null);
  }

  private Map<UUID, Profile> profiles(List<String> influencerIds) {
    List<UUID> ids = influencerIds.stream().map(FactsRepository::uuidOrNull).toList();
    Map<UUID, Profile> profiles = new HashMap<>();
    List<UUID> known = ids.stream().filter(java.util.Objects::nonNull).toList();
    if (known.isEmpty()) {
      return profiles;
    }
    dsl.select(
            CREATOR_PROFILES.USER_ID,
            CREATOR_PROFILES.HANDLE,
            CREATOR_PROFILES.NICHE,
            CREATOR_PROFILES.REGION,
            CREATOR_PROFILES.FOLLOWERS_TOTAL)
        .from(CREATOR_PROFILES)
        .where(CREATOR_PROFILES.USER_ID.in(known))
        .forEach(
            r ->
                profiles.put(
                    r.value1(), new Profile(r.value2(), r.value3(), r.value4(), r.value5())));
    return profiles;
  }

  private static UUID uuidOrNull(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static long longOf(BigDecimal value) {
    return value == null ? 0 : value.longValueExact();
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
