package io.influmeter.api.influencers;

/** What an influencer declares; campaigns may target it. */
public enum Gender {
  FEMALE,
  MALE,
  NON_BINARY,
  UNDISCLOSED
}
