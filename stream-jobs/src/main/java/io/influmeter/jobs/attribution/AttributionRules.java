package io.influmeter.jobs.attribution;

import io.influmeter.events.AttributionMethod;
import io.influmeter.events.AttributionModel;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ReferralLink;
import io.influmeter.schemas.ClickId;
import io.influmeter.schemas.ClickIdKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides who an order is attributed to (ARCHITECTURE.md "Attribution rules"): (1) by a verified
 * click id whose click lies within the campaign's lookback before the order; (2) by promo code,
 * case-insensitively, among the brand's links; (3) otherwise unattributed. Pure: no Flink, no
 * clock.
 *
 * <p>Multi-touch models credit the distinct influencers of the converting click's campaign that the
 * visitor clicked within the lookback, up to and including the converting click; each influencer is
 * placed by its latest such click. Excluded clicks (bot, self-referral) never take part; an
 * excluded converting click makes the whole order non-billable.
 */
public final class AttributionRules {

  private static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

  private AttributionRules() {}

  /** One credited influencer before amounts are applied. */
  public record Credit(String influencerId, String linkId, int sharePpm) {}

  /** The outcome of the rules for one order. */
  public record Decision(
      AttributionMethod method,
      AttributionModel model,
      ReferralLink link,
      String clickId,
      String promoCode,
      List<Credit> credits,
      boolean billable) {

    static Decision unattributed() {
      return new Decision(
          AttributionMethod.UNATTRIBUTED,
          AttributionModel.LAST_CLICK,
          null,
          null,
          null,
          List.of(),
          false);
    }
  }

  /** Applies the rules to an order and what the click stages found. */
  public static Decision decide(ConversionInput input, LinkDirectory links, ClickIdKeys keys)
      throws Exception {
    ConversionEvent order = input.event;
    Optional<Decision> byClick = byClickId(input, links, keys);
    if (byClick.isPresent()) {
      return byClick.get();
    }
    for (String code : order.getDiscountCodes()) {
      if (code == null || code.isBlank()) {
        continue;
      }
      ReferralLink link = links.byPromoCode(order.getBrandId(), code);
      if (link != null && link.getBrandId().equals(order.getBrandId())) {
        return new Decision(
            AttributionMethod.PROMO_CODE,
            link.getAttributionModel(),
            link,
            null,
            link.getPromoCode(),
            List.of(new Credit(link.getInfluencerId(), link.getLinkId(), CreditModel.WHOLE_PPM)),
            true);
      }
    }
    return Decision.unattributed();
  }

  private static Optional<Decision> byClickId(
      ConversionInput input, LinkDirectory links, ClickIdKeys keys) throws Exception {
    ConversionEvent order = input.event;
    if (order.getClickId() == null) {
      return Optional.empty();
    }
    Optional<ClickId.Verified> verified = ClickId.verify(order.getClickId(), keys);
    if (verified.isEmpty()) {
      return Optional.empty();
    }
    ReferralLink link = links.byId(verified.get().linkId().toString());
    if (link == null || !link.getBrandId().equals(order.getBrandId())) {
      return Optional.empty();
    }
    long orderMillis = order.getEventTime().toEpochMilli();
    long clickMillis = verified.get().time().toEpochMilli();
    long lookbackStart = orderMillis - link.getAttributionLookbackDays() * DAY_MILLIS;
    if (clickMillis > orderMillis || clickMillis < lookbackStart) {
      return Optional.empty();
    }
    ClickTouch converting = convertingTouch(input, link, verified.get());
    List<ClickTouch> path = path(input, converting, lookbackStart);
    AttributionModel model = link.getAttributionModel();
    List<Credit> credits =
        switch (model) {
          case LAST_CLICK -> List.of(wholeCredit(converting));
          case FIRST_CLICK -> List.of(wholeCredit(firstTouch(input, converting, lookbackStart)));
          case LINEAR, TIME_DECAY, POSITION_BASED -> split(model, path, orderMillis);
        };
    return Optional.of(
        new Decision(
            AttributionMethod.CLICK_ID,
            model,
            link,
            order.getClickId(),
            null,
            credits,
            !converting.excluded));
  }

  // The click the id names, from the verified id alone (its link, time, visitor and whether it may
  // earn): a valid MAC proves our redirect issued it, whether or not its click record arrived.
  private static ClickTouch convertingTouch(
      ConversionInput input, ReferralLink link, ClickId.Verified verified) {
    ClickTouch touch = new ClickTouch();
    touch.clickId = input.event.getClickId();
    touch.linkId = link.getLinkId();
    touch.influencerId = link.getInfluencerId();
    touch.campaignId = link.getCampaignId();
    touch.timeMillis = verified.time().toEpochMilli();
    touch.excluded = verified.excluded();
    touch.visitorTag = verified.visitorTag();
    return touch;
  }

  /**
   * Distinct influencers, oldest first, each at its latest eligible click; the converting click's
   * influencer is always last.
   */
  static List<ClickTouch> path(ConversionInput input, ClickTouch converting, long lookbackStart) {
    Map<String, ClickTouch> latest = new LinkedHashMap<>();
    for (ClickTouch touch : input.journey) {
      boolean eligible =
          !touch.excluded
              && converting.campaignId.equals(touch.campaignId)
              && touch.timeMillis >= lookbackStart
              && touch.timeMillis <= converting.timeMillis
              && !touch.influencerId.equals(converting.influencerId);
      if (eligible) {
        latest.merge(touch.influencerId, touch, AttributionRules::later);
      }
    }
    List<ClickTouch> path = new ArrayList<>(latest.values());
    path.sort(
        Comparator.<ClickTouch>comparingLong(touch -> touch.timeMillis)
            .thenComparing(touch -> touch.influencerId));
    path.add(converting);
    return path;
  }

  // The earliest eligible click of the campaign (any influencer, the converting one included).
  static ClickTouch firstTouch(ConversionInput input, ClickTouch converting, long lookbackStart) {
    ClickTouch first = converting;
    for (ClickTouch touch : input.journey) {
      boolean eligible =
          !touch.excluded
              && converting.campaignId.equals(touch.campaignId)
              && touch.timeMillis >= lookbackStart
              && touch.timeMillis <= converting.timeMillis;
      if (eligible && later(touch, first) == first && !touch.clickId.equals(first.clickId)) {
        first = touch;
      }
    }
    return first;
  }

  private static ClickTouch later(ClickTouch first, ClickTouch second) {
    if (first.timeMillis != second.timeMillis) {
      return first.timeMillis > second.timeMillis ? first : second;
    }
    return first.clickId.compareTo(second.clickId) >= 0 ? first : second;
  }

  private static Credit wholeCredit(ClickTouch touch) {
    return new Credit(touch.influencerId, touch.linkId, CreditModel.WHOLE_PPM);
  }

  private static List<Credit> split(AttributionModel model, List<ClickTouch> path, long order) {
    List<Long> times = path.stream().map(touch -> touch.timeMillis).toList();
    int[] shares = CreditModel.shares(model, times, order);
    List<Credit> credits = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) {
      credits.add(new Credit(path.get(i).influencerId, path.get(i).linkId, shares[i]));
    }
    return List.copyOf(credits);
  }
}
