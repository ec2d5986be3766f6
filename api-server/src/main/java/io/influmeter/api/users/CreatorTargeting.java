package io.influmeter.api.users;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The creator-profile facts campaigns target: what the influencer declares (gender, languages,
 * connected platforms with their handles) and what social metrics measure (followers, engagement
 * rate; null until the pollers fill them).
 *
 * @param platforms handle per platform name (YOUTUBE, INSTAGRAM, TIKTOK)
 */
public record CreatorTargeting(
    String gender,
    List<String> languages,
    Map<String, String> platforms,
    Long followersTotal,
    BigDecimal engagementRate) {

  public CreatorTargeting {
    languages = languages == null ? List.of() : List.copyOf(languages);
    platforms = platforms == null ? Map.of() : Map.copyOf(platforms);
  }

  public static CreatorTargeting empty() {
    return new CreatorTargeting(null, List.of(), Map.of(), null, null);
  }
}
