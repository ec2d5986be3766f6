package io.influmeter.api.notifications;

/** What an e-mail announces; each kind has one template (subject and body) in the worker. */
public enum NotificationKind {
  CAMPAIGN_APPROVED,
  CAMPAIGN_REJECTED,
  INVITATION,
  APPLICATION_ACCEPTED,
  APPLICATION_DECLINED,
  CONTENT_APPROVED,
  CONTENT_CHANGES_REQUESTED,
  CAMPAIGN_ENDING_SOON,
  DISPUTE_RESOLVED
}
