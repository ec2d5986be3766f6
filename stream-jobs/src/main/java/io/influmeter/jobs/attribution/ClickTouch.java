package io.influmeter.jobs.attribution;

import io.influmeter.events.ClickEvent;
import io.influmeter.schemas.ClickId;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What attribution keeps of one click: enough to credit a touch, no personal data beyond the hashed
 * visitor id. Serialized by {@link ClickTouchSerializer} (in state, between operators, and as a
 * field of {@link ConversionInput}).
 */
@TypeInfo(ClickTouchSerializer.Factory.class)
public class ClickTouch {

  public String clickId;
  public String linkId;
  public String influencerId;
  public String campaignId;
  public long timeMillis;

  /**
   * True for clicks that may never earn commission: bot clicks ({@code is_bot}) and clicks ingest
   * flagged with a {@code bot_reason} such as self-referral.
   */
  public boolean excluded;

  /**
   * {@link ClickId#visitorTag(String)} of the click's {@code visitor_id} ({@link
   * ClickId#NO_VISITOR} when the browser sent none): the journey's key, and what the click id
   * carries to route its order there.
   */
  public long visitorTag;

  public ClickTouch() {}

  /** The touch of a click. */
  public static ClickTouch of(ClickEvent click) {
    ClickTouch touch = new ClickTouch();
    touch.clickId = click.getClickId();
    touch.linkId = click.getLinkId();
    touch.influencerId = click.getInfluencerId();
    touch.campaignId = click.getCampaignId();
    touch.timeMillis = click.getEventTime().toEpochMilli();
    touch.excluded = click.getIsBot() || click.getBotReason() != null;
    touch.visitorTag = ClickId.visitorTag(click.getVisitorId());
    return touch;
  }

  /**
   * This touch without its click id, for keeping in state where the click id is already the state
   * key or map key: the id is the largest field (68 characters), kept once instead of twice.
   */
  public ClickTouch withoutClickId() {
    return withClickId(null);
  }

  /** A copy of this touch with {@code id} as its click id (restores one kept without it). */
  public ClickTouch withClickId(String id) {
    ClickTouch copy = new ClickTouch();
    copy.clickId = id;
    copy.linkId = linkId;
    copy.influencerId = influencerId;
    copy.campaignId = campaignId;
    copy.timeMillis = timeMillis;
    copy.excluded = excluded;
    copy.visitorTag = visitorTag;
    return copy;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ClickTouch that
        && timeMillis == that.timeMillis
        && excluded == that.excluded
        && visitorTag == that.visitorTag
        && Objects.equals(clickId, that.clickId)
        && Objects.equals(linkId, that.linkId)
        && Objects.equals(influencerId, that.influencerId)
        && Objects.equals(campaignId, that.campaignId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(clickId, timeMillis);
  }

  @Override
  public String toString() {
    return "ClickTouch{" + clickId + " " + influencerId + "@" + timeMillis + "}";
  }
}
