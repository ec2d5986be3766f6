package io.influmeter.api.insights;

import java.math.BigDecimal;

/**
 * One influencer's figures over a report's period, with the public profile fields a report may
 * mention. No email, phone, bio or commission (another party's earnings) is ever loaded.
 *
 * @param label stable label used in the facts ({@code influencer_1}, ...), so user-written handles
 *     never appear outside the quoted data block
 * @param handle the public handle (user-written), or null
 * @param engagements likes + comments + shares
 * @param engagementShare engagements / campaign engagements (ratio, 4 decimals), 0 when none
 */
public record InfluencerPerformance(
    String label,
    String influencerId,
    String handle,
    String niche,
    String region,
    Long followersTotal,
    long clicks,
    long conversions,
    long revenueMinor,
    long views,
    long engagements,
    BigDecimal engagementShare) {

  /** How templates name the influencer: the handle, else the label. */
  public String displayName() {
    return handle == null || handle.isBlank() ? label : handle;
  }
}
