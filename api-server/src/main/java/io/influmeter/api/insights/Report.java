package io.influmeter.api.insights;

import java.math.BigDecimal;
import java.util.List;

/**
 * The structured output every writer produces: a summary, suggestions each with the numbers it
 * rests on, and a confidence between 0 and 1.
 */
public record Report(String summary, List<Suggestion> suggestions, BigDecimal confidence) {

  public Report {
    suggestions = List.copyOf(suggestions);
  }

  /** One suggestion; {@code numbers} are the cited numbers as written in the text. */
  public record Suggestion(String text, List<String> numbers) {
    public Suggestion {
      numbers = List.copyOf(numbers);
    }
  }
}
