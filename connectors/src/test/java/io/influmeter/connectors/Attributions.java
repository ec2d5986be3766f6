package io.influmeter.connectors;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.AttributionMethod;
import io.influmeter.events.AttributionModel;
import io.influmeter.events.InfluencerCredit;
import java.time.Instant;
import java.util.List;

/** A sample attributed order for the converter and sink tests. */
final class Attributions {

  private Attributions() {}

  static AttributedConversion sample() {
    return AttributedConversion.newBuilder()
        .setStoreId("store-1")
        .setOrderId("1001")
        .setBrandId("brand-1")
        .setCampaignId("campaign-1")
        .setMethod(AttributionMethod.CLICK_ID)
        .setAttributionModel(AttributionModel.LAST_CLICK)
        .setClickId("c1")
        .setPromoCode(null)
        .setCurrency("KES")
        .setOrderAmountMinor(250_000)
        .setRefundedAmountMinor(0)
        .setNetAmountMinor(250_000)
        .setCommissionMinor(25_000)
        .setCancelled(false)
        .setCredits(
            List.of(
                InfluencerCredit.newBuilder()
                    .setInfluencerId("murugi")
                    .setLinkId("link-1")
                    .setSharePpm(1_000_000)
                    .setRevenueMinor(250_000)
                    .setCommissionMinor(25_000)
                    .build()))
        .setBillable(true)
        .setOrderTime(Instant.parse("2026-11-25T10:00:00Z"))
        .setUpdatedAt(Instant.parse("2026-11-25T10:00:05Z"))
        .setRevision(1)
        .build();
  }
}
