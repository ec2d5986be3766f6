package io.influmeter.api.insights;

import java.util.List;

/** Writes a {@link Report} from a prompt and its facts: a chat model, or the built-in templates. */
public interface ReportWriter {

  Provider provider();

  /** The model name stored with each report ({@code builtin-templates-v1} for the built-in). */
  String model();

  /**
   * Writes one report.
   *
   * @param rejectedNumbers numbers a previous attempt cited that are not in the facts (empty on a
   *     first attempt); a model writer tells the model to drop them
   * @throws WriterException when no report could be obtained (after the writer's own retries)
   */
  Written write(Prompt prompt, ReportFacts facts, List<String> rejectedNumbers);

  /** A report and what it cost in tokens. */
  record Written(Report report, TokenUsage usage) {}

  /** Tokens of one or more calls; the built-in writer uses none. */
  record TokenUsage(long input, long output) {
    public static final TokenUsage NONE = new TokenUsage(0, 0);

    public long total() {
      return input + output;
    }

    public TokenUsage plus(TokenUsage other) {
      return new TokenUsage(input + other.input, output + other.output);
    }
  }

  /**
   * No report: the provider failed after retries, refused, answered something unparseable, or the
   * cost cap stopped it.
   *
   * @param permanent true when retrying the same input later cannot help (a 400, a cost cap); false
   *     for outages (timeouts, 5xx, 429 after all retries)
   */
  final class WriterException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean permanent;
    private final transient TokenUsage spent;

    public WriterException(String message, boolean permanent, TokenUsage spent, Throwable cause) {
      super(message, cause);
      this.permanent = permanent;
      this.spent = spent;
    }

    public boolean permanent() {
      return permanent;
    }

    /** Tokens already spent before the failure (recorded in logs and metrics). */
    public TokenUsage spent() {
      return spent;
    }
  }
}
