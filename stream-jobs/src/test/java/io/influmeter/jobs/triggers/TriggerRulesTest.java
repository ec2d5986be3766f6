package io.influmeter.jobs.triggers;

import static io.influmeter.jobs.triggers.TriggerFixtures.DAY0;
import static io.influmeter.jobs.triggers.TriggerFixtures.HOUR;
import static io.influmeter.jobs.triggers.TriggerFixtures.figures;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.events.AiTriggerKind;
import io.influmeter.events.TriggerFact;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TriggerRulesTest {

  private final TriggerRules rules = new TriggerRules(TriggerThresholds.defaults());

  /** End of the evaluated hour: 12:00 on day 0. */
  private static final long NOON = DAY0 + 12 * HOUR;

  @Test
  void twoInfluencersWithEightyPercentOfTheEngagementAreNamedWithTheirExactShares() {
    List<HourlyFigures> hours =
        List.of(
            figures("murugi", NOON - 2 * HOUR, 300, 0, 200),
            figures("njugush", NOON - HOUR, 250, 0, 100),
            figures("wanjiku", NOON - HOUR, 100, 0, 0),
            figures("otieno", NOON - 3 * HOUR, 50, 0, 0));

    Detection detection = rules.concentration(NOON, hours).orElseThrow();

    assertThat(detection.kind()).isEqualTo(AiTriggerKind.ENGAGEMENT_CONCENTRATION);
    assertThat(detection.headline())
        .isEqualTo("murugi and njugush generated 85% of total engagement in the last 24 hours");
    assertThat(detection.facts())
        .extracting(TriggerFact::getName, TriggerFact::getValue, TriggerFact::getSubjectId)
        .contains(
            org.assertj.core.groups.Tuple.tuple("total_engagement", "1000", null),
            org.assertj.core.groups.Tuple.tuple("top_share", "0.85", null),
            org.assertj.core.groups.Tuple.tuple("engagement_share", "0.5", "murugi"),
            org.assertj.core.groups.Tuple.tuple("engagement_share", "0.35", "njugush"));
    assertThat(detection.periodStart()).isEqualTo(NOON - 24 * HOUR);
  }

  @Test
  void engagementSpreadEvenlyOrAmongTooFewInfluencersIsNotAFact() {
    List<HourlyFigures> even =
        List.of(
            figures("a", NOON - HOUR, 100, 0, 0),
            figures("b", NOON - HOUR, 100, 0, 0),
            figures("c", NOON - HOUR, 100, 0, 0));
    List<HourlyFigures> two =
        List.of(figures("a", NOON - HOUR, 900, 0, 0), figures("b", NOON - HOUR, 100, 0, 0));
    assertThat(rules.concentration(NOON, even)).isEmpty();
    assertThat(rules.concentration(NOON, two)).isEmpty();
  }

  @Test
  void theLastHourAtThreeTimesTheTrailingAverageIsASpikeAndAtAThirdADrop() {
    long first = NOON - 30 * HOUR;
    Optional<Detection> spike = rules.clickChange(NOON, baseline(10, 40), first);
    Optional<Detection> drop = rules.clickChange(NOON, baseline(40, 10), first);
    Optional<Detection> steady = rules.clickChange(NOON, baseline(40, 40), first);

    assertThat(spike)
        .get()
        .satisfies(
            detection -> {
              assertThat(detection.kind()).isEqualTo(AiTriggerKind.CLICK_SPIKE);
              assertThat(detection.headline())
                  .isEqualTo("Clicks spiked to 40 in the last hour (4x the 24-hour average of 10)");
              assertThat(detection.facts())
                  .extracting(TriggerFact::getName, TriggerFact::getValue)
                  .contains(
                      org.assertj.core.groups.Tuple.tuple("clicks_last_hour", "40"),
                      org.assertj.core.groups.Tuple.tuple("baseline_hourly_average", "10"),
                      org.assertj.core.groups.Tuple.tuple("ratio_to_baseline", "4"));
              assertThat(detection.periodStart()).isEqualTo(NOON - HOUR);
            });
    assertThat(drop).get().extracting(Detection::kind).isEqualTo(AiTriggerKind.CLICK_DROP);
    assertThat(steady).isEmpty();
  }

  @Test
  void aCampaignWithLessThanTheMinimumHoursOfHistoryHasNoBaseline() {
    assertThat(rules.clickChange(NOON, baseline(10, 400), NOON - 3 * HOUR)).isEmpty();
  }

  @Test
  void aConversionRateAtHalfTheBaselineOrLessIsADrop() {
    List<HourlyFigures> hours = new ArrayList<>();
    for (int hour = 2; hour <= 25; hour++) {
      hours.add(figures("a", NOON - hour * HOUR, 100, 4, 0));
    }
    hours.add(figures("a", NOON - HOUR, 200, 3, 0));

    Detection detection = rules.conversionRateDrop(NOON, hours, NOON - 30 * HOUR).orElseThrow();

    assertThat(detection.headline())
        .isEqualTo(
            "Conversion rate fell to 1.5% in the last hour from 4% over the previous 24 hours");
    assertThat(detection.facts())
        .extracting(TriggerFact::getName, TriggerFact::getValue)
        .contains(
            org.assertj.core.groups.Tuple.tuple("conversion_rate_last_hour", "0.015"),
            org.assertj.core.groups.Tuple.tuple("baseline_conversion_rate", "0.04"));
  }

  @Test
  void commissionSpentAheadOfTheElapsedTimeIsReportedWithItsProjection() {
    CampaignFacts facts = new CampaignFacts();
    facts.startsAt = NOON - 10 * HOUR;
    facts.endsAt = NOON + 30 * HOUR;
    facts.commissionToDateMinor = 50_000;
    facts.currency = "KES";
    CampaignBudget budget = new CampaignBudget(100_000, "KES");

    Detection detection = rules.budgetPacing(NOON, facts, budget).orElseThrow();

    assertThat(detection.headline())
        .isEqualTo("Commission spent is 50% of the budget with only 25% of the campaign elapsed");
    assertThat(detection.facts())
        .extracting(TriggerFact::getName, TriggerFact::getValue, TriggerFact::getUnit)
        .contains(
            org.assertj.core.groups.Tuple.tuple("commission_spent_minor", "50000", "KES"),
            org.assertj.core.groups.Tuple.tuple("projected_spend_minor", "200000", "KES"),
            org.assertj.core.groups.Tuple.tuple("elapsed_share", "0.25", "ratio"));
    facts.commissionToDateMinor = 20_000;
    assertThat(rules.budgetPacing(NOON, facts, budget)).isEmpty();
    assertThat(rules.budgetPacing(NOON, facts, null)).isEmpty();
  }

  @Test
  void aCampaignEndingWithinTheNoticeIsToldOnceForItsEndDate() {
    CampaignFacts facts = new CampaignFacts();
    facts.endsAt = NOON + 36 * HOUR;
    Detection detection = rules.campaignEnding(NOON, facts).orElseThrow();
    assertThat(detection.headline()).isEqualTo("Campaign ends in 36 hours (2026-03-04T00:00:00Z)");
    assertThat(detection.dedupKey()).isEqualTo(facts.endsAt);
    facts.endsAt = NOON + 72 * HOUR;
    assertThat(rules.campaignEnding(NOON, facts)).isEmpty();
  }

  @Test
  void aPromoCodeRedeemedThreeTimesMoreThanItsLinkIsClickedIsAPossibleLeak() {
    List<PromoRedemption> redemptions = new ArrayList<>();
    for (int order = 0; order < 12; order++) {
      redemptions.add(PromoRedemption.of("murugi", "MURUGI25", NOON - 2 * HOUR + order));
      redemptions.add(PromoRedemption.of("njugush", "NJUGUSH10", NOON - 2 * HOUR + order));
    }
    List<HourlyFigures> hours =
        List.of(
            figures("murugi", NOON - 2 * HOUR, 3, 0, 0),
            figures("njugush", NOON - 2 * HOUR, 50, 0, 0));

    Detection detection = rules.promoCodeLeak(NOON, hours, redemptions).orElseThrow();

    assertThat(detection.headline())
        .isEqualTo(
            "Promo code MURUGI25 was redeemed 12 times against 3 link clicks in the last 24 hours:"
                + " possible leak to coupon sites");
    assertThat(detection.facts())
        .extracting(TriggerFact::getName, TriggerFact::getValue, TriggerFact::getSubjectId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("code_redemptions", "12", "murugi"),
            org.assertj.core.groups.Tuple.tuple("link_clicks", "3", "murugi"),
            org.assertj.core.groups.Tuple.tuple("redemptions_per_click", "4", "murugi"));
  }

  private static List<HourlyFigures> baseline(long perBaselineHour, long lastHour) {
    List<HourlyFigures> hours = new ArrayList<>();
    for (int hour = 2; hour <= 25; hour++) {
      hours.add(figures("a", NOON - hour * HOUR, perBaselineHour, 0, 0));
    }
    hours.add(figures("a", NOON - HOUR, lastHour, 0, 0));
    return hours;
  }
}
