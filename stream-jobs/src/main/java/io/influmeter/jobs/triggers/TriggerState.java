package io.influmeter.jobs.triggers;

import io.influmeter.schemas.serde.TrustedEventClasses;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Every state descriptor of the AiTriggerJob, in one place: their names are part of the savepoint
 * format.
 */
public final class TriggerState {

  static {
    TrustedEventClasses.install();
  }

  public static final TypeInformation<CampaignInput> INPUT_TYPE = Types.POJO(CampaignInput.class);

  /** Final hourly figures of the campaign's influencers, keyed {@code influencerId|hourStart}. */
  public static final MapStateDescriptor<String, HourlyFigures> HOURS =
      new MapStateDescriptor<>("hourly-figures", Types.STRING, Types.POJO(HourlyFigures.class));

  /** Orders attributed by promo code in the trailing day, keyed {@code storeId:orderId}. */
  public static final MapStateDescriptor<String, PromoRedemption> REDEMPTIONS =
      new MapStateDescriptor<>(
          "promo-redemptions", Types.STRING, Types.POJO(PromoRedemption.class));

  /** Brand, dates, commission to date of the campaign. */
  public static final ValueStateDescriptor<CampaignFacts> FACTS =
      new ValueStateDescriptor<>("campaign-facts", Types.POJO(CampaignFacts.class));

  /** Dedup period of the last trigger emitted per kind, keyed by kind name. */
  public static final MapStateDescriptor<String, Long> LAST_FIRED =
      new MapStateDescriptor<>("last-fired", Types.STRING, Types.LONG);

  private TriggerState() {}
}
