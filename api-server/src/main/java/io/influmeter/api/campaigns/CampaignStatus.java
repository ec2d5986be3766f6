package io.influmeter.api.campaigns;

/** Where a campaign is in its lifecycle; {@link Lifecycle} says how it moves. */
public enum CampaignStatus {
  DRAFT,
  SUBMITTED,
  APPROVED,
  REJECTED,
  ACTIVE,
  COMPLETED,
  CANCELLED
}
