package io.influmeter.jobs.common;

import java.util.List;

/** Thrown by {@link EnvironmentConfig#validate} with every missing or bad key at once. */
public final class InvalidConfigurationException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidConfigurationException(String what, List<String> problems) {
    super("Invalid " + what + " configuration: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per bad key, in the order they were read; never contains a secret's value. */
  public List<String> problems() {
    return problems;
  }
}
