package io.influmeter.jobs.triggers;

import io.influmeter.events.AiTrigger;
import io.influmeter.events.AiTriggerKind;
import io.influmeter.events.AttributedConversion;
import io.influmeter.events.AttributionMethod;
import io.influmeter.events.EngagementWindow;
import io.influmeter.events.ReferralLink;
import io.influmeter.events.WindowGranularity;
import io.influmeter.schemas.serde.TrustedEventClasses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Evaluates {@link TriggerRules} for one campaign at the end of every hour (event time) and emits
 * each detection as an {@link AiTrigger}, at most once per campaign per kind per dedup period.
 *
 * <p><b>Key:</b> campaign id. <b>State:</b> the final hourly figures per influencer of the last 25
 * hours ({@link TriggerState#HOURS}: a late re-emitted row replaces its hour and corrects the
 * commission to date), promo-code orders of the trailing day ({@link TriggerState#REDEMPTIONS}),
 * the campaign's brand, dates and commission to date ({@link TriggerState#FACTS}), and the dedup
 * period of the last trigger per kind ({@link TriggerState#LAST_FIRED}). <b>Timers:</b> one
 * event-time timer per hour end plus the evaluation delay, registered by each final hourly row and
 * chained hourly while the campaign has figures, so a drop to zero clicks is still evaluated.
 * <b>Cleared:</b> figures older than 25 hours and redemptions older than 24 hours at each
 * evaluation; once a campaign has none left the hourly chain stops and its dedup marks are cleared
 * (a repeated trigger keeps its deterministic id, so the insight worker drops it). A quiet campaign
 * that ends in the future keeps one timer (the "ending soon" check, then one at the end); a
 * campaign past its end is cleared entirely; an open-ended quiet campaign keeps only its small
 * facts record (brand and dates come from the compacted links topic, which rarely repeats them).
 *
 * <p>The watermark comes from {@code engagement.windows} (window start) and the other inputs, so an
 * hour is evaluated once rows after its end plus the delay have been seen: by then the
 * EngagementJob has emitted the hour's final rows.
 */
public class CampaignTriggerFunction
    extends KeyedProcessFunction<String, CampaignInput, AiTrigger> {

  static final String UNKNOWN_BRAND = "unknown";

  private final TriggerThresholds thresholds;
  private final Map<String, CampaignBudget> budgets;

  private transient TriggerRules rules;
  private transient MapState<String, HourlyFigures> hours;
  private transient MapState<String, PromoRedemption> redemptions;
  private transient ValueState<CampaignFacts> facts;
  private transient MapState<String, Long> lastFired;
  private transient Counter emitted;
  private transient Counter suppressed;

  public CampaignTriggerFunction(
      TriggerThresholds thresholds, Map<String, CampaignBudget> budgets) {
    this.thresholds = thresholds;
    this.budgets = Map.copyOf(budgets);
  }

  @Override
  public void open(OpenContext openContext) {
    TrustedEventClasses.install();
    rules = new TriggerRules(thresholds);
    hours = getRuntimeContext().getMapState(TriggerState.HOURS);
    redemptions = getRuntimeContext().getMapState(TriggerState.REDEMPTIONS);
    facts = getRuntimeContext().getState(TriggerState.FACTS);
    lastFired = getRuntimeContext().getMapState(TriggerState.LAST_FIRED);
    emitted = getRuntimeContext().getMetricGroup().counter("triggersEmitted");
    suppressed = getRuntimeContext().getMetricGroup().counter("triggersSuppressedAsDuplicates");
  }

  @Override
  public void processElement(CampaignInput input, Context context, Collector<AiTrigger> out)
      throws Exception {
    CampaignFacts campaign = facts.value() == null ? new CampaignFacts() : facts.value();
    if (input.window != null) {
      if (!isFinalCampaignHour(input.window)) {
        return;
      }
      addHour(input.window, campaign, context);
    } else if (input.attribution != null) {
      addAttribution(input.attribution, campaign);
    } else if (input.link != null) {
      addLink(input.link, campaign);
    }
    facts.update(campaign);
  }

  /** True for the rows the rules use: final, hourly, of a campaign (not the overall "*" row). */
  public static boolean isFinalCampaignHour(EngagementWindow window) {
    return window.getIsFinal()
        && window.getGranularity() == WindowGranularity.HOUR
        && !"*".equals(window.getCampaignId());
  }

  private void addHour(EngagementWindow window, CampaignFacts campaign, Context context)
      throws Exception {
    long hourStart = window.getWindowStart().toEpochMilli();
    String key = window.getInfluencerId() + "|" + hourStart;
    HourlyFigures previous = hours.get(key);
    HourlyFigures figures = new HourlyFigures();
    figures.influencerId = window.getInfluencerId();
    figures.hourStart = hourStart;
    figures.clicks = window.getClicks();
    figures.botClicks = window.getBotClicks();
    figures.conversions = window.getConversionCount();
    figures.commissionMinor = window.getCommissionMinor();
    figures.socialEngagement =
        window.getLikesDelta() + window.getCommentsDelta() + window.getSharesDelta();
    hours.put(key, figures);
    campaign.commissionToDateMinor +=
        figures.commissionMinor - (previous == null ? 0 : previous.commissionMinor);
    if (campaign.currency == null && window.getCurrency() != null) {
      campaign.currency = window.getCurrency();
    }
    if (campaign.firstHourStart == null || hourStart < campaign.firstHourStart) {
      campaign.firstHourStart = hourStart;
    }
    context.timerService().registerEventTimeTimer(window.getWindowEnd().toEpochMilli() + delay());
  }

  private void addAttribution(AttributedConversion attribution, CampaignFacts campaign)
      throws Exception {
    if (campaign.brandId == null) {
      campaign.brandId = attribution.getBrandId();
    }
    if (attribution.getMethod() != AttributionMethod.PROMO_CODE
        || attribution.getPromoCode() == null
        || attribution.getCredits().isEmpty()) {
      return;
    }
    String order = attribution.getStoreId() + ":" + attribution.getOrderId();
    if (!redemptions.contains(order)) {
      redemptions.put(
          order,
          PromoRedemption.of(
              attribution.getCredits().get(0).getInfluencerId(),
              attribution.getPromoCode(),
              attribution.getOrderTime().toEpochMilli()));
    }
  }

  private static void addLink(ReferralLink link, CampaignFacts campaign) {
    campaign.brandId = link.getBrandId();
    campaign.startsAt =
        link.getCampaignStartsAt() == null ? null : link.getCampaignStartsAt().toEpochMilli();
    campaign.endsAt =
        link.getCampaignEndsAt() == null ? null : link.getCampaignEndsAt().toEpochMilli();
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<AiTrigger> out)
      throws Exception {
    CampaignFacts campaign = facts.value();
    if (campaign == null) {
      return;
    }
    long hourEnd = timestamp - delay();
    String campaignId = context.getCurrentKey();
    List<Detection> detections =
        rules.evaluate(
            hourEnd,
            values(hours.values()),
            values(redemptions.values()),
            campaign,
            budgets.get(campaignId));
    long now = context.timerService().currentProcessingTime();
    for (Detection detection : detections) {
      Long last = lastFired.get(detection.kind().name());
      if (last != null && last == detection.dedupKey()) {
        suppressed.inc();
        continue;
      }
      lastFired.put(detection.kind().name(), detection.dedupKey());
      out.collect(toTrigger(campaignId, campaign, detection, now));
      emitted.inc();
    }
    prune(hourEnd, campaign);
    scheduleNext(timestamp, hourEnd, campaign, context);
  }

  private void prune(long hourEnd, CampaignFacts campaign) throws Exception {
    removeIf(
        hours.values().iterator(), figures -> figures.hourStart < hourEnd - 25 * TriggerRules.HOUR);
    removeIf(
        redemptions.values().iterator(),
        redemption -> redemption.orderTime < hourEnd - TriggerRules.DAY);
    long currentPeriod = rules.dedupKey(hourEnd);
    Iterator<Map.Entry<String, Long>> marks = lastFired.iterator();
    while (marks.hasNext()) {
      Map.Entry<String, Long> mark = marks.next();
      boolean ending = mark.getKey().equals(AiTriggerKind.CAMPAIGN_ENDING.name());
      boolean over = ending ? mark.getValue() <= hourEnd : mark.getValue() < currentPeriod;
      if (over) {
        marks.remove();
      }
    }
  }

  private void scheduleNext(
      long timestamp, long hourEnd, CampaignFacts campaign, OnTimerContext context)
      throws Exception {
    if (!hours.isEmpty() || !redemptions.isEmpty()) {
      context.timerService().registerEventTimeTimer(timestamp + TriggerRules.HOUR);
      return;
    }
    hours.clear();
    redemptions.clear();
    boolean endsLater = campaign.endsAt != null && campaign.endsAt > hourEnd;
    if (endsLater) {
      // Quiet but not over: one timer for the "ending soon" check, then one at the end to clean up.
      boolean endingTold = lastFired.contains(AiTriggerKind.CAMPAIGN_ENDING.name());
      long target =
          endingTold ? campaign.endsAt : campaign.endsAt - thresholds.endingNotice().toMillis();
      long nextHourEnd = Math.max(hourEnd + TriggerRules.HOUR, ceilToHour(target));
      context.timerService().registerEventTimeTimer(nextHourEnd + delay());
      return;
    }
    lastFired.clear();
    if (campaign.endsAt != null) {
      facts.clear();
    }
  }

  private static long ceilToHour(long time) {
    return Math.floorDiv(time + TriggerRules.HOUR - 1, TriggerRules.HOUR) * TriggerRules.HOUR;
  }

  private long delay() {
    return thresholds.evaluationDelay().toMillis();
  }

  private static AiTrigger toTrigger(
      String campaignId, CampaignFacts campaign, Detection detection, long now) {
    return AiTrigger.newBuilder()
        .setTriggerId(campaignId + ":" + detection.kind().name() + ":" + detection.dedupKey())
        .setCampaignId(campaignId)
        .setBrandId(campaign.brandId == null ? UNKNOWN_BRAND : campaign.brandId)
        .setKind(detection.kind())
        .setPeriodStart(Instant.ofEpochMilli(detection.periodStart()))
        .setPeriodEnd(Instant.ofEpochMilli(detection.periodEnd()))
        .setDetectedAt(Instant.ofEpochMilli(now))
        .setHeadline(detection.headline())
        .setFacts(detection.facts())
        .build();
  }

  private static <T> List<T> values(Iterable<T> values) {
    List<T> list = new ArrayList<>();
    values.forEach(list::add);
    return list;
  }

  private static <T> void removeIf(Iterator<T> values, java.util.function.Predicate<T> drop) {
    while (values.hasNext()) {
      if (drop.test(values.next())) {
        values.remove();
      }
    }
  }
}
