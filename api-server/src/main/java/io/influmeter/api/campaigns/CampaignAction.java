package io.influmeter.api.campaigns;

import java.util.Locale;

/** What can happen to a campaign's status; the lower-case name is the action's route segment. */
public enum CampaignAction {
  SUBMIT,
  APPROVE,
  REJECT,
  ACTIVATE,
  COMPLETE,
  CLOSE,
  CANCEL;

  /** "submit", "approve", ...: how problems and the audit log name the action. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
