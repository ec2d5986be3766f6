package io.influmeter.api.influencers;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A campaign's {@code target_filters} (documented in V3): {@code regions}, {@code genders}, {@code
 * industries}, {@code platforms}, {@code minFollowers}, {@code maxFollowers}, {@code
 * minEngagementRate}. A missing key (or an empty list, or null) is no filter. Region and industry
 * compare case-insensitively with the profile's region and niche; platforms match when the
 * influencer connected any one of them. A follower or engagement filter never matches a profile
 * whose figure is still unknown (null): a brand asking for 10k followers must not get influencers
 * nobody has measured.
 */
public record TargetFilters(
    Set<String> regions,
    Set<String> genders,
    Set<String> industries,
    Set<String> platforms,
    Long minFollowers,
    Long maxFollowers,
    BigDecimal minEngagementRate) {

  /** What a campaign's filters are compared with. */
  public record Candidate(
      String region,
      String niche,
      Gender gender,
      Set<SocialPlatform> platforms,
      Long followersTotal,
      BigDecimal engagementRate) {

    static Candidate of(InfluencerProfile p) {
      return new Candidate(
          p.region(),
          p.niche(),
          p.gender(),
          p.platforms().stream()
              .map(InfluencerProfile.ConnectedPlatform::platform)
              .collect(Collectors.toUnmodifiableSet()),
          p.followersTotal(),
          p.engagementRate());
    }
  }

  /**
   * Reads the stored JSON. Unreadable values of a key make the filter match nobody rather than
   * everybody (fail closed), since a brand's targeting is a promise about who sees the campaign.
   */
  public static TargetFilters parse(JsonNode node) {
    if (node == null || !node.isObject()) {
      return new TargetFilters(null, null, null, null, null, null, null);
    }
    return new TargetFilters(
        words(node.get("regions")),
        words(node.get("genders")),
        words(node.get("industries")),
        words(node.get("platforms")),
        whole(node.get("minFollowers"), Long.MAX_VALUE),
        whole(node.get("maxFollowers"), -1L),
        decimal(node.get("minEngagementRate")));
  }

  public boolean matches(Candidate c) {
    return in(regions, c.region())
        && in(genders, c.gender() == null ? null : c.gender().name())
        && in(industries, c.niche())
        && (platforms == null
            || c.platforms().stream().anyMatch(p -> platforms.contains(fold(p.name()))))
        && (minFollowers == null
            || (c.followersTotal() != null && c.followersTotal() >= minFollowers))
        && (maxFollowers == null
            || (c.followersTotal() != null && c.followersTotal() <= maxFollowers))
        && (minEngagementRate == null
            || (c.engagementRate() != null
                && c.engagementRate().compareTo(minEngagementRate) >= 0));
  }

  private static boolean in(Set<String> wanted, String value) {
    return wanted == null || (value != null && wanted.contains(fold(value)));
  }

  private static Set<String> words(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      return Set.of(); // unreadable: matches nobody
    }
    List<String> values =
        StreamSupport.stream(node.spliterator(), false)
            .filter(JsonNode::isTextual)
            .map(n -> fold(n.asText()))
            .toList();
    return node.isEmpty() ? null : Set.copyOf(values);
  }

  private static Long whole(JsonNode node, long unreadable) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.canConvertToExactIntegral()) {
      return node.asLong();
    }
    if (node.isTextual() && node.asText().strip().matches("-?[0-9]{1,18}")) {
      return Long.parseLong(node.asText().strip());
    }
    return unreadable;
  }

  private static BigDecimal decimal(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      // Text keeps the exact decimal ("0.02"); numbers are read through their literal text too.
      return new BigDecimal(node.isNumber() ? node.asText() : node.asText().strip());
    } catch (NumberFormatException e) {
      return BigDecimal.valueOf(Long.MAX_VALUE); // unreadable: matches nobody
    }
  }

  private static String fold(String value) {
    return value.strip().toLowerCase(Locale.ROOT);
  }
}
