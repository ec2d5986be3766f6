package io.influmeter.jobs.attribution;

import static io.influmeter.jobs.attribution.Fixtures.click;
import static io.influmeter.jobs.attribution.Fixtures.day;
import static io.influmeter.jobs.attribution.Fixtures.order;
import static io.influmeter.jobs.attribution.Fixtures.percentLink;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.events.AttributionModel;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.ReferralLink;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AttributionRulesTest {

  private final Map<String, ReferralLink> links = new HashMap<>();

  private ReferralLink link(String influencer, AttributionModel model) {
    ReferralLink link = percentLink(UUID.randomUUID(), "camp-1", influencer, null, model);
    links.put(link.getLinkId(), link);
    return link;
  }

  private AttributionRules.Decision decide(ClickEvent converting, ClickEvent... journey)
      throws Exception {
    ConversionInput input =
        ConversionInput.of(order("o-1", day(10), 10_000, converting.getClickId()));
    input.visitorTag = ClickTouch.of(converting).visitorTag;
    input.journey = java.util.Arrays.stream(journey).map(ClickTouch::of).toArray(ClickTouch[]::new);
    LinkDirectory directory =
        new LinkDirectory() {
          @Override
          public ReferralLink byId(String linkId) {
            return links.get(linkId);
          }

          @Override
          public ReferralLink byPromoCode(String brandId, String code) {
            return null;
          }
        };
    return AttributionRules.decide(input, directory, Fixtures.KEYS);
  }

  private static List<String> influencers(AttributionRules.Decision decision) {
    return decision.credits().stream().map(AttributionRules.Credit::influencerId).toList();
  }

  @Test
  void positionBasedSplitsFortyTwentyFortyOverTheDistinctInfluencersAtTheirLatestClicks()
      throws Exception {
    ReferralLink a = link("a", AttributionModel.POSITION_BASED);
    ReferralLink b = link("b", AttributionModel.POSITION_BASED);
    ReferralLink c = link("c", AttributionModel.POSITION_BASED);
    ClickEvent a1 = click(a, day(1), "v", false);
    ClickEvent b1 = click(b, day(2), "v", false);
    ClickEvent a2 = click(a, day(3), "v", false);
    ClickEvent bot = click(b, day(4), "v", true);
    ClickEvent converting = click(c, day(5), "v", false);

    AttributionRules.Decision decision = decide(converting, a1, b1, a2, bot, converting);

    assertThat(influencers(decision)).containsExactly("b", "a", "c");
    assertThat(decision.credits())
        .extracting(AttributionRules.Credit::sharePpm)
        .containsExactly(400_000, 200_000, 400_000);
  }

  @Test
  void firstClickCreditsTheEarliestHumanClickOfTheCampaignWithinTheLookback() throws Exception {
    ReferralLink a = link("a", AttributionModel.FIRST_CLICK);
    ReferralLink b = link("b", AttributionModel.FIRST_CLICK);
    ClickEvent tooOld = click(a, day(-25), "v", false);
    ClickEvent bot = click(a, day(1), "v", true);
    ClickEvent first = click(a, day(2), "v", false);
    ClickEvent converting = click(b, day(5), "v", false);

    AttributionRules.Decision decision = decide(converting, tooOld, bot, first, converting);

    assertThat(influencers(decision)).containsExactly("a");
    assertThat(decision.billable()).isTrue();
  }

  @Test
  void lastClickCreditsTheConvertingClickAloneAndABotConversionIsNotBillable() throws Exception {
    ReferralLink a = link("a", AttributionModel.LAST_CLICK);
    ReferralLink b = link("b", AttributionModel.LAST_CLICK);
    ClickEvent earlier = click(a, day(1), "v", false);
    ClickEvent converting = click(b, day(5), "v", true);

    AttributionRules.Decision decision = decide(converting, earlier, converting);

    assertThat(influencers(decision)).containsExactly("b");
    assertThat(decision.billable()).isFalse();
  }
}
