package io.influmeter.api.influencers;

import java.math.BigDecimal;
import java.util.List;

/**
 * An influencer's onboarding profile: what they declare, plus the measured figures ({@code
 * followersTotal}, {@code engagementRate}), which are read-only here and null until social metrics
 * fill them.
 */
public record InfluencerProfile(
    String handle,
    String niche,
    String region,
    Gender gender,
    List<String> languages,
    String bio,
    List<ConnectedPlatform> platforms,
    Long followersTotal,
    BigDecimal engagementRate) {

  /** One connected account. */
  public record ConnectedPlatform(SocialPlatform platform, String handle) {}

  /**
   * The body of {@code PUT /influencers/me/profile}: replaces the whole declared profile (a missing
   * field clears it). The measured figures are not accepted.
   */
  public record Update(
      String handle,
      String niche,
      String region,
      Gender gender,
      List<String> languages,
      String bio,
      List<ConnectedPlatform> platforms) {}
}
