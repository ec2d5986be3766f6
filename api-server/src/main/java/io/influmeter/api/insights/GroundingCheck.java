package io.influmeter.api.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that every number a report cites exists in its facts.
 *
 * <p>Extraction: every number in the summary, the suggestion texts and the suggestions' cited
 * numbers: integers, decimals, thousands separators ({@code 1,250.00}) and percentages ({@code
 * 80%}). Digits that are part of a word, handle or id ({@code @murugi254}, a UUID) are not numbers.
 *
 * <p>Matching (the documented tolerance): a cited number with d decimals matches a fact when the
 * fact, in one of its allowed scales, rounded half-up to d decimals equals it. Allowed scales: the
 * value itself; for a {@code ratio}, the percentage (x100, only when cited with a % sign) and the
 * ratio cited with at least two decimals; for money (unit = currency, value in minor units), the
 * major units (/100). So 80% and 79.96% both match 0.7996, 0.80 matches it too, but 81% or a bare 1
 * do not; KES 1,250.00 and 125000 match 125000 KES.
 */
public final class GroundingCheck {
  private static final Pattern NUMBER =
      Pattern.compile(
          "(?<![\\w@#.:/\\\\-])(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?(?![\\w@])(\\s?%)?");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private GroundingCheck() {}

  /** A number as cited: its value and whether it carried a % sign. */
  record Cited(String text, BigDecimal value, boolean percent) {}

  /** The outcome: grounded when {@code ungrounded} is empty. */
  public record Result(List<String> ungrounded) {
    public Result {
      ungrounded = List.copyOf(ungrounded);
    }

    public boolean grounded() {
      return ungrounded.isEmpty();
    }
  }

  /**
   * Checks a report against the facts it was written from. User-written names (handles, the
   * campaign name) are masked first: digits in "@njugush254" or "Summer 2026" are part of a name,
   * not a cited figure.
   */
  public static Result check(Report report, ReportFacts facts) {
    List<String> names = new ArrayList<>();
    names.add(facts.campaign().name());
    facts.influencers().forEach(i -> names.add(i.handle()));
    return check(mask(report, names), facts.facts());
  }

  public static Result check(Report report, List<Fact> facts) {
    Set<String> offending = new LinkedHashSet<>();
    for (Cited cited : extract(report)) {
      if (!supported(cited, facts)) {
        offending.add(cited.text());
      }
    }
    return new Result(new ArrayList<>(offending));
  }

  private static Report mask(Report report, List<String> names) {
    List<String> longestFirst =
        names.stream()
            .filter(n -> n != null && !n.isBlank())
            .sorted((a, b) -> Integer.compare(b.length(), a.length()))
            .toList();
    java.util.function.UnaryOperator<String> masked =
        text -> {
          String result = text;
          for (String name : longestFirst) {
            result = result.replace(name, "NAME");
          }
          return result;
        };
    return new Report(
        masked.apply(report.summary()),
        report.suggestions().stream()
            .map(s -> new Report.Suggestion(masked.apply(s.text()), s.numbers()))
            .toList(),
        report.confidence());
  }

  static List<Cited> extract(Report report) {
    List<Cited> numbers = new ArrayList<>(extract(report.summary()));
    for (Report.Suggestion suggestion : report.suggestions()) {
      numbers.addAll(extract(suggestion.text()));
      for (String cited : suggestion.numbers()) {
        numbers.addAll(extract(cited));
      }
    }
    return numbers;
  }

  static List<Cited> extract(String text) {
    List<Cited> numbers = new ArrayList<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      String digits = m.group(1).replace(",", "") + (m.group(2) == null ? "" : m.group(2));
      numbers.add(new Cited(m.group().strip(), new BigDecimal(digits), m.group(3) != null));
    }
    return numbers;
  }

  static boolean supported(Cited cited, List<Fact> facts) {
    int decimals = Math.max(0, cited.value().scale());
    for (Fact fact : facts) {
      BigDecimal value = fact.value().abs();
      if (cited.percent()) {
        if (fact.isRatio() && roundsTo(value.multiply(HUNDRED), decimals, cited.value())) {
          return true;
        }
        if (fact.unit().equals("percent") && roundsTo(value, decimals, cited.value())) {
          return true;
        }
        continue;
      }
      if (roundsTo(value, decimals, cited.value()) && (!fact.isRatio() || decimals >= 2)) {
        return true;
      }
      if (fact.isMoney() && roundsTo(value.divide(HUNDRED), decimals, cited.value())) {
        return true;
      }
    }
    return false;
  }

  private static boolean roundsTo(BigDecimal value, int decimals, BigDecimal cited) {
    return value.setScale(decimals, RoundingMode.HALF_UP).compareTo(cited) == 0;
  }
}
