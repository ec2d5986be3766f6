package io.influmeter.jobs.attribution;

import io.influmeter.events.AttributionModel;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.CommissionType;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ConversionKind;
import io.influmeter.events.ReferralLink;
import io.influmeter.schemas.ClickId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The reference: a plain-Java batch computation over every raw event of a scenario at once (no
 * watermarks, no state, no arrival order). It shares only the credit-share and exact-split
 * arithmetic ({@link CreditModel}, {@link Apportion}, unit-tested on their own) with the job.
 */
final class BatchAttribution {

  private static final long DAY = 24L * 60 * 60 * 1000;

  private final Map<String, ReferralLink> linksById = new HashMap<>();
  private final Map<String, ReferralLink> linksByPromo = new HashMap<>();
  private final Map<String, ClickEvent> clicksById = new LinkedHashMap<>();
  private final Map<Long, List<ClickEvent>> clicksByVisitor = new HashMap<>();
  private final Map<String, ConversionEvent> orders = new LinkedHashMap<>();
  private final Map<String, Map<String, ConversionEvent>> adjustments = new HashMap<>();
  private final long maxLookbackMillis;

  BatchAttribution(AttributionScenario scenario, long maxLookbackMillis) {
    this.maxLookbackMillis = maxLookbackMillis;
    for (ReferralLink link : scenario.links) {
      linksById.put(link.getLinkId(), link);
      linksByPromo.put(promoKey(link.getBrandId(), link.getPromoCode()), link);
    }
    for (AttributionScenario.Arrival<ClickEvent> arrival : scenario.clicks) {
      ClickEvent click = arrival.event();
      long visitor = ClickId.visitorTag(click.getVisitorId());
      if (clicksById.putIfAbsent(click.getClickId(), click) == null
          && visitor != ClickId.NO_VISITOR) {
        clicksByVisitor.computeIfAbsent(visitor, key -> new ArrayList<>()).add(click);
      }
    }
    for (AttributionScenario.Arrival<ConversionEvent> arrival : scenario.conversions) {
      ConversionEvent event = arrival.event();
      String key = event.getStoreId() + ":" + event.getOrderId();
      if (event.getKind() == ConversionKind.ORDER) {
        orders.putIfAbsent(key, event);
      } else {
        adjustments.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(event.getEventId(), event);
      }
    }
  }

  private static String promoKey(String brand, String code) {
    return brand + ":" + code.trim().toUpperCase(Locale.ROOT);
  }

  /** Refund and cancel events whose order never came: the job must reject each once. */
  long orphanAdjustments() {
    return adjustments.entrySet().stream()
        .filter(entry -> !orders.containsKey(entry.getKey()))
        .mapToLong(entry -> entry.getValue().size())
        .sum();
  }

  Totals totals() {
    Totals.Builder totals = new Totals.Builder();
    for (Map.Entry<String, ConversionEvent> entry : orders.entrySet()) {
      ConversionEvent order = entry.getValue();
      Outcome outcome = decide(order);
      totals.order(outcome.link == null, true);
      long refunded = 0;
      boolean cancelled = false;
      for (ConversionEvent adjustment :
          adjustments.getOrDefault(entry.getKey(), Map.of()).values()) {
        if (!adjustment.getCurrency().equals(order.getCurrency())) {
          continue;
        }
        if (adjustment.getKind() == ConversionKind.CANCEL) {
          cancelled = true;
        } else {
          refunded += adjustment.getAmountMinor();
        }
      }
      long net = cancelled ? 0 : Math.max(0, order.getAmountMinor() - refunded);
      long commission = outcome.billable && !cancelled ? commission(outcome.link, order, net) : 0;
      if (outcome.link == null) {
        continue;
      }
      totals.campaign(outcome.link.getCampaignId(), net, commission);
      long[] revenueParts = Apportion.split(net, outcome.shares);
      long[] commissionParts = Apportion.split(commission, outcome.shares);
      for (int i = 0; i < outcome.influencers.size(); i++) {
        totals.influencer(outcome.influencers.get(i), revenueParts[i], commissionParts[i]);
      }
    }
    return totals.build();
  }

  private static long commission(ReferralLink link, ConversionEvent order, long net) {
    long amount = order.getAmountMinor();
    if (link.getCommissionType() == CommissionType.PERCENTAGE) {
      return halfUp(BigInteger.valueOf(net * link.getCommissionPercentBps()), 10_000);
    }
    if (!link.getCommissionCurrency().equals(order.getCurrency())) {
      return 0;
    }
    long fixed = link.getCommissionFixedMinor();
    if (amount <= 0 || net >= amount) {
      return fixed;
    }
    return halfUp(BigInteger.valueOf(fixed).multiply(BigInteger.valueOf(net)), amount);
  }

  private static long halfUp(BigInteger numerator, long denominator) {
    BigInteger twice = numerator.shiftLeft(1).add(BigInteger.valueOf(denominator));
    return twice.divide(BigInteger.valueOf(2 * denominator)).longValueExact();
  }

  private record Outcome(
      ReferralLink link, List<String> influencers, int[] shares, boolean billable) {}

  private record Touch(String influencer, String clickId, long time) {}

  private Outcome decide(ConversionEvent order) {
    long orderTime = order.getEventTime().toEpochMilli();
    Optional<ClickId.Verified> verified =
        order.getClickId() == null
            ? Optional.empty()
            : ClickId.verify(order.getClickId(), Fixtures.KEYS);
    if (verified.isPresent()) {
      ReferralLink link = linksById.get(verified.get().linkId().toString());
      long clickTime = verified.get().time().toEpochMilli();
      long lookbackStart = orderTime - link(link) * DAY;
      if (link != null
          && link.getBrandId().equals(order.getBrandId())
          && clickTime <= orderTime
          && clickTime >= lookbackStart) {
        return byClick(order, link, verified.get(), lookbackStart);
      }
    }
    for (String code : order.getDiscountCodes()) {
      ReferralLink link = linksByPromo.get(promoKey(order.getBrandId(), code));
      if (link != null) {
        return new Outcome(link, List.of(link.getInfluencerId()), new int[] {1_000_000}, true);
      }
    }
    return new Outcome(null, List.of(), new int[0], false);
  }

  private static long link(ReferralLink link) {
    return link == null ? 0 : link.getAttributionLookbackDays();
  }

  // The id alone says whether the click may earn and whose it is; the visitor's other clicks (as
  // recorded: a lost click record is on no journey) make the journey.
  private Outcome byClick(
      ConversionEvent order, ReferralLink link, ClickId.Verified verified, long lookbackStart) {
    long orderTime = order.getEventTime().toEpochMilli();
    long clickTime = verified.time().toEpochMilli();
    boolean excluded = verified.excluded();
    Touch converting = new Touch(link.getInfluencerId(), order.getClickId(), clickTime);
    List<Touch> eligible = new ArrayList<>();
    List<ClickEvent> visitorClicks = clicksByVisitor.get(verified.visitorTag());
    if (visitorClicks != null) {
      for (ClickEvent other : visitorClicks) {
        long time = other.getEventTime().toEpochMilli();
        boolean inJourney = time <= orderTime && time >= orderTime - maxLookbackMillis;
        if (inJourney
            && !other.getIsBot()
            && other.getBotReason() == null
            && other.getCampaignId().equals(link.getCampaignId())
            && time >= lookbackStart
            && time <= clickTime) {
          eligible.add(new Touch(other.getInfluencerId(), other.getClickId(), time));
        }
      }
    }
    AttributionModel model = link.getAttributionModel();
    List<Touch> credited = new ArrayList<>();
    switch (model) {
      case LAST_CLICK -> credited.add(converting);
      case FIRST_CLICK -> {
        Touch first = converting;
        for (Touch touch : eligible) {
          boolean earlier =
              touch.time < first.time
                  || (touch.time == first.time && touch.clickId.compareTo(first.clickId) < 0);
          if (earlier) {
            first = touch;
          }
        }
        credited.add(first);
      }
      case LINEAR, TIME_DECAY, POSITION_BASED -> {
        Map<String, Touch> latest = new HashMap<>();
        for (Touch touch : eligible) {
          if (touch.influencer.equals(converting.influencer)) {
            continue;
          }
          latest.merge(
              touch.influencer,
              touch,
              (a, b) ->
                  a.time != b.time
                      ? (a.time > b.time ? a : b)
                      : (a.clickId.compareTo(b.clickId) >= 0 ? a : b));
        }
        credited.addAll(latest.values());
        credited.sort(Comparator.comparingLong(Touch::time).thenComparing(Touch::influencer));
        credited.add(converting);
      }
    }
    int[] shares =
        CreditModel.shares(model, credited.stream().map(Touch::time).toList(), orderTime);
    return new Outcome(link, credited.stream().map(Touch::influencer).toList(), shares, !excluded);
  }
}
