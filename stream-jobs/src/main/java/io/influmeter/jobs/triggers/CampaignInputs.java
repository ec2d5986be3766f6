package io.influmeter.jobs.triggers;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.EngagementWindow;
import io.influmeter.events.ReferralLink;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** The stateless adapters from each input topic to {@link CampaignInput}. */
public final class CampaignInputs {

  private CampaignInputs() {}

  /**
   * Keeps the rows the rules use (final, hourly, per campaign: early firings, minute rows and the
   * overall {@code "*"} rows are dropped here, after they moved the watermark).
   */
  public static final class FinalCampaignHours
      implements FlatMapFunction<EngagementWindow, CampaignInput> {
    @Override
    public void flatMap(EngagementWindow window, Collector<CampaignInput> out) {
      if (CampaignTriggerFunction.isFinalCampaignHour(window)) {
        out.collect(CampaignInput.of(window));
      }
    }
  }

  /** Keeps attributed orders (unattributed ones belong to no campaign). */
  public static final class AttributedOrders
      implements FlatMapFunction<AttributedConversion, CampaignInput> {
    @Override
    public void flatMap(AttributedConversion attribution, Collector<CampaignInput> out) {
      if (attribution.getCampaignId() != null) {
        out.collect(CampaignInput.of(attribution));
      }
    }
  }

  /** Every link carries its campaign's brand and dates. */
  public static final class CampaignLinks implements FlatMapFunction<ReferralLink, CampaignInput> {
    @Override
    public void flatMap(ReferralLink link, Collector<CampaignInput> out) {
      out.collect(CampaignInput.of(link));
    }
  }
}
