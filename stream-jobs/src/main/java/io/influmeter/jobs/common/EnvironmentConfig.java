package io.influmeter.jobs.common;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a job's settings from environment variables (or any string map), collecting every problem
 * instead of stopping at the first, so {@link #validate} can fail once with a message listing every
 * missing or bad key. Only {@code main} should hand it {@code System.getenv()}.
 *
 * <p>Durations accept {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 30d} or ISO-8601
 * ({@code PT10S}). Messages never include a value read with {@link #secret}.
 */
public final class EnvironmentConfig {

  private final Map<String, String> values;
  private final List<String> problems = new ArrayList<>();

  private EnvironmentConfig(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** A reader over these variables (typically {@code System.getenv()}). */
  public static EnvironmentConfig of(Map<String, String> values) {
    return new EnvironmentConfig(values);
  }

  /** The trimmed value, or empty when unset or blank. */
  public Optional<String> optional(String key) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(value.trim());
  }

  /** The value, or the default when unset. */
  public String string(String key, String defaultValue) {
    return optional(key).orElse(defaultValue);
  }

  /** A required value; records a problem (and returns null) when unset. */
  public String required(String key) {
    Optional<String> value = optional(key);
    if (value.isEmpty()) {
      problems.add(key + " is required");
      return null;
    }
    return value.get();
  }

  /** A required secret: like {@link #required}, and any problem report leaves out its value. */
  public String secret(String key) {
    return required(key);
  }

  /** A positive int, or the default when unset. */
  public int positiveInt(String key, int defaultValue) {
    return parse(key, defaultValue, Integer::parseInt, value -> value > 0, "a positive integer");
  }

  /** A positive duration, or the default when unset. */
  public Duration duration(String key, Duration defaultValue) {
    return parse(
        key,
        defaultValue,
        EnvironmentConfig::parseDuration,
        value -> !value.isNegative() && !value.isZero(),
        "a positive duration such as 500ms, 10s, 5m, 2h, 30d or PT10S");
  }

  /** An enum constant (case-insensitive), or the default when unset. */
  public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
    return parse(
        key,
        defaultValue,
        value -> Enum.valueOf(type, value.toUpperCase(Locale.ROOT)),
        value -> true,
        "one of " + List.of(type.getEnumConstants()));
  }

  /** A boolean ({@code true}/{@code false}), or the default when unset. */
  public boolean bool(String key, boolean defaultValue) {
    return parse(
        key,
        defaultValue,
        value -> {
          if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
          }
          throw new IllegalArgumentException(value);
        },
        value -> true,
        "true or false");
  }

  /** Records a problem found by the caller's own check (never put a secret in it). */
  public void problem(String key, String message) {
    problems.add(key + " " + message);
  }

  /** The problems recorded so far. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * Fails with every recorded problem.
   *
   * @throws InvalidConfigurationException naming each bad key
   */
  public void validate(String what) {
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(what, problems);
    }
  }

  private <T> T parse(
      String key,
      T defaultValue,
      Function<String, T> parser,
      java.util.function.Predicate<T> valid,
      String expected) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      T value = parser.apply(raw.get());
      if (valid.test(value)) {
        return value;
      }
    } catch (RuntimeException e) {
      // Reported below with the expected form.
    }
    problems.add(key + " must be " + expected + " (was '" + raw.get() + "')");
    return defaultValue;
  }

  /** Parses {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 30d} or ISO-8601. */
  public static Duration parseDuration(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.startsWith("p")) {
      try {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(text, e);
      }
    }
    if (value.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
    }
    long amount = Long.parseLong(value.substring(0, value.length() - 1));
    return switch (value.charAt(value.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      default -> throw new IllegalArgumentException(text);
    };
  }
}
