package io.influmeter.api.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GroundingCheckTest {
  private static final List<Fact> FACTS =
      List.of(
          new Fact("top_2_engagement_share", "campaign", new BigDecimal("0.7996"), "ratio"),
          new Fact("total_clicks", "campaign", new BigDecimal("850"), "clicks"),
          new Fact("total_revenue_minor", "campaign", new BigDecimal("125000"), "KES"),
          new Fact("conversion_rate", "campaign", new BigDecimal("0.0247"), "ratio"));

  private static Report report(String summary, String... suggestionNumbers) {
    return new Report(
        summary,
        List.of(new Report.Suggestion("Keep going.", List.of(suggestionNumbers))),
        new BigDecimal("0.7"));
  }

  @Test
  void a_rounded_percentage_of_a_ratio_fact_is_grounded() {
    var result =
        GroundingCheck.check(
            report("Murugi and Njugush generated 80% of total engagement.", "79.96%"), FACTS);

    assertThat(result.grounded()).as(result.ungrounded().toString()).isTrue();
  }

  @Test
  void counts_money_in_major_units_and_ratios_with_two_decimals_are_grounded() {
    var result =
        GroundingCheck.check(
            report("850 clicks brought KES 1,250.00 (125000 minor units); rate 0.02 or 2.47 %."),
            FACTS);

    assertThat(result.grounded()).as(result.ungrounded().toString()).isTrue();
  }

  @Test
  void an_invented_number_is_reported_as_ungrounded() {
    var result =
        GroundingCheck.check(
            report("Murugi generated 81% of engagement from 900 clicks.", "3"), FACTS);

    assertThat(result.grounded()).isFalse();
    assertThat(result.ungrounded()).containsExactly("81%", "900", "3");
  }

  @Test
  void rounding_is_held_to_the_precision_the_report_cites() {
    // 79.96% rounds to 80% but not to 79.9% or 79%.
    assertThat(GroundingCheck.check(report("79.9% of engagement"), FACTS).ungrounded())
        .containsExactly("79.9%");
    assertThat(GroundingCheck.check(report("79% of engagement"), FACTS).grounded()).isFalse();
    // A bare integer never matches a ratio fact by rounding (0.7996 is not "1").
    assertThat(GroundingCheck.check(report("1 thing"), FACTS).grounded()).isFalse();
  }

  @Test
  void digits_inside_handles_and_ids_are_not_cited_numbers() {
    var result =
        GroundingCheck.check(
            report("@murugi254 and campaign 3f2a9c1e-77b0 did well: 850 clicks."), FACTS);

    assertThat(result.grounded()).as(result.ungrounded().toString()).isTrue();
  }
}
