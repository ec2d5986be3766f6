package io.influmeter.api.campaigns;

import static io.influmeter.api.db.Tables.CREATOR_PROFILES;
import static io.influmeter.api.db.Tables.USERS;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * Targeting: active influencers whose creator profile matches a brand's filters, paged and sorted
 * by a whitelisted key. Only public profile fields leave this class (no email, phone or status). A
 * profile without follower or engagement figures yet matches no bound on them.
 */
public final class InfluencerSearch {
  /** Sort keys clients may name (prefix "-" for descending), mapped to columns. */
  static final Map<String, Field<?>> SORT_KEYS =
      Map.of(
          "followers", CREATOR_PROFILES.FOLLOWERS_TOTAL,
          "engagementRate", CREATOR_PROFILES.ENGAGEMENT_RATE,
          "displayName", USERS.DISPLAY_NAME,
          "handle", CREATOR_PROFILES.HANDLE);

  public static final String DEFAULT_SORT = "-followers";

  private final DSLContext dsl;
  private final ObjectMapper json;

  public InfluencerSearch(DSLContext dsl, ObjectMapper json) {
    this.dsl = dsl;
    this.json = json;
  }

  /** One influencer as a brand sees it when targeting. */
  public record InfluencerMatch(
      UUID id,
      String displayName,
      boolean verified,
      String handle,
      String industry,
      String region,
      String gender,
      List<String> platforms,
      Long followersTotal,
      String engagementRate) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record InfluencerPage(List<InfluencerMatch> influencers, Integer nextOffset) {}

  /** {@code sort} must be a key of {@link #SORT_KEYS}, optionally prefixed by "-". */
  public InfluencerPage search(TargetFilters filters, String sort, int limit, int offset) {
    List<InfluencerMatch> rows =
        dsl.select(
                USERS.ID,
                USERS.DISPLAY_NAME,
                USERS.VERIFIED,
                CREATOR_PROFILES.HANDLE,
                CREATOR_PROFILES.NICHE,
                CREATOR_PROFILES.REGION,
                CREATOR_PROFILES.GENDER,
                CREATOR_PROFILES.PLATFORMS,
                CREATOR_PROFILES.FOLLOWERS_TOTAL,
                CREATOR_PROFILES.ENGAGEMENT_RATE)
            .from(USERS)
            .join(CREATOR_PROFILES)
            .on(CREATOR_PROFILES.USER_ID.eq(USERS.ID))
            .where(USERS.ROLE.eq("INFLUENCER").and(USERS.STATUS.eq("ACTIVE")).and(where(filters)))
            .orderBy(order(sort), USERS.ID.asc())
            .limit(limit + 1)
            .offset(offset)
            .fetch(this::toMatch);
    boolean more = rows.size() > limit;
    return new InfluencerPage(more ? rows.subList(0, limit) : rows, more ? offset + limit : null);
  }

  static Condition where(TargetFilters f) {
    List<Condition> conditions = new ArrayList<>();
    if (!f.regions().isEmpty()) {
      conditions.add(DSL.lower(CREATOR_PROFILES.REGION).in(lower(f.regions())));
    }
    if (!f.industries().isEmpty()) {
      conditions.add(DSL.lower(CREATOR_PROFILES.NICHE).in(lower(f.industries())));
    }
    if (!f.genders().isEmpty()) {
      conditions.add(CREATOR_PROFILES.GENDER.in(f.genders()));
    }
    if (!f.platforms().isEmpty()) {
      // Any of the platforms: the profile's JSON array contains at least one of them.
      conditions.add(
          DSL.or(
              f.platforms().stream()
                  .map(
                      p ->
                          DSL.condition(
                              "{0}::jsonb @> {1}::jsonb",
                              CREATOR_PROFILES.PLATFORMS, DSL.val("[\"" + p + "\"]")))
                  .toList()));
    }
    if (f.minFollowers() != null) {
      conditions.add(CREATOR_PROFILES.FOLLOWERS_TOTAL.ge(f.minFollowers()));
    }
    if (f.maxFollowers() != null) {
      conditions.add(CREATOR_PROFILES.FOLLOWERS_TOTAL.le(f.maxFollowers()));
    }
    if (f.minEngagementRate() != null) {
      conditions.add(CREATOR_PROFILES.ENGAGEMENT_RATE.ge(f.minEngagementRate()));
    }
    return DSL.and(conditions);
  }

  private static SortField<?> order(String sort) {
    boolean descending = sort.startsWith("-");
    Field<?> field = SORT_KEYS.get(descending ? sort.substring(1) : sort);
    if (field == null) {
      throw new IllegalArgumentException("not a whitelisted sort key: " + sort);
    }
    return (descending ? field.desc() : field.asc()).nullsLast();
  }

  private static List<String> lower(List<String> values) {
    return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
  }

  private InfluencerMatch toMatch(Record r) {
    BigDecimal rate = r.get(CREATOR_PROFILES.ENGAGEMENT_RATE);
    return new InfluencerMatch(
        r.get(USERS.ID),
        r.get(USERS.DISPLAY_NAME),
        r.get(USERS.VERIFIED),
        r.get(CREATOR_PROFILES.HANDLE),
        r.get(CREATOR_PROFILES.NICHE),
        r.get(CREATOR_PROFILES.REGION),
        r.get(CREATOR_PROFILES.GENDER),
        platforms(r.get(CREATOR_PROFILES.PLATFORMS)),
        r.get(CREATOR_PROFILES.FOLLOWERS_TOTAL),
        rate == null ? null : rate.stripTrailingZeros().toPlainString());
  }

  private List<String> platforms(org.jooq.JSON value) {
    if (value == null) {
      return List.of();
    }
    try {
      return json.readValue(value.data(), new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      // A profile written in another shape is shown without platforms rather than failing the page.
      return List.of();
    }
  }
}
