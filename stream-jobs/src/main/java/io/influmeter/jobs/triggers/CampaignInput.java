package io.influmeter.jobs.triggers;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.EngagementWindow;
import io.influmeter.events.ReferralLink;

/**
 * One record about a campaign, from any of the AiTriggerJob's three inputs: exactly one field is
 * set. A Flink POJO whose fields are Avro records (Flink's Avro serializer, never Kryo), so the
 * three inputs can be unioned and keyed by campaign into one function.
 */
public class CampaignInput {

  public EngagementWindow window;
  public AttributedConversion attribution;
  public ReferralLink link;

  public CampaignInput() {}

  public static CampaignInput of(EngagementWindow window) {
    CampaignInput input = new CampaignInput();
    input.window = window;
    return input;
  }

  public static CampaignInput of(AttributedConversion attribution) {
    CampaignInput input = new CampaignInput();
    input.attribution = attribution;
    return input;
  }

  public static CampaignInput of(ReferralLink link) {
    CampaignInput input = new CampaignInput();
    input.link = link;
    return input;
  }

  /** The campaign the record is about, or null (unattributed orders). */
  public String campaignId() {
    if (window != null) {
      return window.getCampaignId();
    }
    if (attribution != null) {
      return attribution.getCampaignId();
    }
    return link == null ? null : link.getCampaignId();
  }

  /** Event time: window start, time of the order's last change, or the link's last change. */
  public long eventTime() {
    if (window != null) {
      return window.getWindowStart().toEpochMilli();
    }
    if (attribution != null) {
      return attribution.getUpdatedAt().toEpochMilli();
    }
    return link.getUpdatedAt().toEpochMilli();
  }

  @Override
  public String toString() {
    return "CampaignInput{"
        + (window != null ? window : attribution != null ? attribution : link)
        + "}";
  }
}
