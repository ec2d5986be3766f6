package io.influmeter.api.analytics;

import static io.influmeter.api.db.Tables.CREATOR_PROFILES;

import io.influmeter.api.http.ApiException;
import io.influmeter.api.influencers.Gender;
import io.influmeter.api.influencers.SocialPlatform;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Which influencers an answer counts, from their creator profile: {@code region}, {@code gender},
 * {@code industry} (the influencer's niche, as campaign targeting reads it: every campaign of a
 * brand shares the brand's industry, so filtering a campaign's numbers by it would be a no-op),
 * {@code platform} (a connected platform), {@code followers_min}/{@code followers_max} (inclusive;
 * an unmeasured profile matches no bound). All null: every influencer counts.
 */
public record AnalyticsFilters(
    String region,
    Gender gender,
    String industry,
    SocialPlatform platform,
    Long followersMin,
    Long followersMax) {

  static final AnalyticsFilters NONE = new AnalyticsFilters(null, null, null, null, null, null);

  public boolean any() {
    return !equals(NONE);
  }

  /** Reads the filter parameters, adding one error per bad parameter. */
  static AnalyticsFilters parse(Context ctx, List<ApiException.FieldError> errors) {
    Gender gender = enumParam(ctx, "gender", Gender.class, errors);
    SocialPlatform platform = enumParam(ctx, "platform", SocialPlatform.class, errors);
    Long min = longParam(ctx, "followers_min", errors);
    Long max = longParam(ctx, "followers_max", errors);
    if (min != null && max != null && min > max) {
      errors.add(new ApiException.FieldError("followers_max", "must not be below followers_min"));
    }
    return new AnalyticsFilters(
        text(ctx, "region"), gender, text(ctx, "industry"), platform, min, max);
  }

  /** {@code influencerId} (a text column of a result table) is one of the counted influencers. */
  Condition matches(Field<String> influencerId) {
    if (!any()) {
      return DSL.noCondition();
    }
    List<Condition> profile = new ArrayList<>();
    if (region != null) {
      profile.add(DSL.lower(CREATOR_PROFILES.REGION).eq(region.toLowerCase(Locale.ROOT)));
    }
    if (industry != null) {
      profile.add(DSL.lower(CREATOR_PROFILES.NICHE).eq(industry.toLowerCase(Locale.ROOT)));
    }
    if (gender != null) {
      profile.add(CREATOR_PROFILES.GENDER.eq(gender.name()));
    }
    if (platform != null) {
      profile.add(
          DSL.condition(
              "{0}::jsonb @> {1}::jsonb",
              CREATOR_PROFILES.PLATFORMS, DSL.val("[\"" + platform.name() + "\"]")));
    }
    if (followersMin != null) {
      profile.add(CREATOR_PROFILES.FOLLOWERS_TOTAL.ge(followersMin));
    }
    if (followersMax != null) {
      profile.add(CREATOR_PROFILES.FOLLOWERS_TOTAL.le(followersMax));
    }
    return influencerId.in(
        DSL.select(CREATOR_PROFILES.USER_ID.cast(SQLDataType.VARCHAR))
            .from(CREATOR_PROFILES)
            .where(profile));
  }

  private static String text(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static <E extends Enum<E>> E enumParam(
      Context ctx, String name, Class<E> type, List<ApiException.FieldError> errors) {
    String value = text(ctx, name);
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(
          new ApiException.FieldError(
              name,
              "unknown value; one of "
                  + String.join(
                      ", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())));
      return null;
    }
  }

  private static Long longParam(Context ctx, String name, List<ApiException.FieldError> errors) {
    String value = text(ctx, name);
    if (value == null) {
      return null;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new ApiException.FieldError(name, "must be a whole number, 0 or more"));
    return null;
  }
}
