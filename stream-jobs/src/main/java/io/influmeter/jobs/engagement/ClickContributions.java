package io.influmeter.jobs.engagement;

import io.influmeter.events.ClickEvent;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Turns a click into its contribution to the campaign x influencer row and to the influencer's
 * overall row. Stateless.
 *
 * <p>Unique visitors count human clicks only (bots rotate their identity and would inflate the
 * number); a visitor is the first-party cookie id when the browser sent one, else the salted
 * IP/user-agent hash ingest computed.
 */
public class ClickContributions implements FlatMapFunction<ClickEvent, EngagementContribution> {

  @Override
  public void flatMap(ClickEvent click, Collector<EngagementContribution> out) {
    EngagementContribution contribution =
        EngagementContribution.of(
            click.getCampaignId(), click.getInfluencerId(), click.getEventTime().toEpochMilli());
    contribution.clicks = 1;
    if (click.getIsBot()) {
      contribution.botClicks = 1;
    } else {
      contribution.visitorId =
          click.getVisitorId() != null ? click.getVisitorId() : click.getVisitorHash();
    }
    out.collect(contribution);
    out.collect(contribution.forCampaign(EngagementWindowFunction.ALL_CAMPAIGNS));
  }
}
