package io.influmeter.api.insights;

/** Who writes the reports: a chat model provider, or the offline template writer. */
public enum Provider {
  BUILTIN,
  OPENAI,
  ANTHROPIC
}
