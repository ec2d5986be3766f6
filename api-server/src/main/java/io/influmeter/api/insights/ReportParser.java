package io.influmeter.api.insights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and validates a model's answer into a {@link Report}. Models sometimes wrap JSON in a
 * Markdown fence or add a sentence around it: the outermost object is taken. Anything that does not
 * fit the shape is an {@link InvalidReportException} with the reason (the caller may retry).
 */
public final class ReportParser {
  static final int MAX_SUMMARY_CHARS = 4_000;
  static final int MAX_SUGGESTIONS = 10;

  private final ObjectMapper json;

  public ReportParser(ObjectMapper json) {
    this.json = json;
  }

  public Report parse(String answer) {
    if (answer == null || answer.isBlank()) {
      throw new InvalidReportException("empty answer");
    }
    int start = answer.indexOf('{');
    int end = answer.lastIndexOf('}');
    if (start < 0 || end < start) {
      throw new InvalidReportException("no JSON object in the answer");
    }
    JsonNode root;
    try {
      root = json.readTree(answer.substring(start, end + 1));
    } catch (JsonProcessingException e) {
      throw new InvalidReportException("answer is not valid JSON: " + e.getOriginalMessage());
    }
    String summary = text(root.get("summary"), "summary");
    if (summary.length() > MAX_SUMMARY_CHARS) {
      throw new InvalidReportException("summary longer than " + MAX_SUMMARY_CHARS + " characters");
    }
    JsonNode list = root.get("suggestions");
    if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_SUGGESTIONS) {
      throw new InvalidReportException(
          "suggestions must be an array of 1 to " + MAX_SUGGESTIONS + " items");
    }
    List<Report.Suggestion> suggestions = new ArrayList<>();
    for (JsonNode item : list) {
      String text = text(item.get("text"), "suggestions[].text");
      JsonNode numbers = item.get("numbers");
      if (numbers == null || !numbers.isArray()) {
        throw new InvalidReportException("suggestions[].numbers must be an array");
      }
      List<String> cited = new ArrayList<>();
      for (JsonNode number : numbers) {
        if (!number.isTextual() && !number.isNumber()) {
          throw new InvalidReportException("suggestions[].numbers must hold numbers or strings");
        }
        cited.add(number.isNumber() ? number.decimalValue().toPlainString() : number.asText());
      }
      suggestions.add(new Report.Suggestion(text, cited));
    }
    JsonNode confidenceNode = root.get("confidence");
    if (confidenceNode == null || !confidenceNode.isNumber()) {
      throw new InvalidReportException("confidence must be a number");
    }
    BigDecimal confidence = confidenceNode.decimalValue();
    if (confidence.signum() < 0 || confidence.compareTo(BigDecimal.ONE) > 0) {
      throw new InvalidReportException("confidence must be between 0 and 1, was " + confidence);
    }
    return new Report(summary, suggestions, confidence);
  }

  private static String text(JsonNode node, String field) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new InvalidReportException(field + " must be a non-empty string");
    }
    return node.asText().strip();
  }

  /** The answer does not have the report's shape. */
  public static final class InvalidReportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidReportException(String message) {
      super(message);
    }
  }
}
