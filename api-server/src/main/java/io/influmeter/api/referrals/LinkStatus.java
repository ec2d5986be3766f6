package io.influmeter.api.referrals;

/** ACTIVE redirects to the destination; PAUSED and RETIRED to the fallback. RETIRED is final. */
public enum LinkStatus {
  ACTIVE,
  PAUSED,
  RETIRED
}
