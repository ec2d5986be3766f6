package io.influmeter.api.influencers;

/** Platforms an influencer can connect (with a handle now; OAuth later). */
public enum SocialPlatform {
  YOUTUBE,
  INSTAGRAM,
  TIKTOK
}
