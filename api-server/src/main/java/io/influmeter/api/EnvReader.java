package io.influmeter.api;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads environment variables, collecting every problem instead of stopping at the first. */
final class EnvReader {
  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();

  EnvReader(Map<String, String> env) {
    this.env = env;
  }

  String optional(String key) {
    String value = env.get(key);
    return value == null || value.isBlank() ? null : value.trim();
  }

  String string(String key, String fallback) {
    String value = optional(key);
    return value == null ? fallback : value;
  }

  String required(String key) {
    String value = optional(key);
    if (value == null) {
      problems.add(key + ": required, not set");
    }
    return value;
  }

  void bad(String key, String why) {
    problems.add(key + ": " + why);
  }

  int integer(String key, int fallback, int min, int max) {
    String value = optional(key);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        bad(key, "must be between " + min + " and " + max + ", was " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      bad(key, "not a whole number: " + value);
      return fallback;
    }
  }

  boolean bool(String key, boolean fallback) {
    String value = optional(key);
    if (value == null) {
      return fallback;
    }
    if (!value.equals("true") && !value.equals("false")) {
      bad(key, "must be true or false, was " + value);
      return fallback;
    }
    return Boolean.parseBoolean(value);
  }

  Duration duration(String key, Duration fallback) {
    String value = optional(key);
    if (value == null) {
      return fallback;
    }
    try {
      Duration parsed = Duration.parse(value);
      if (parsed.isNegative() || parsed.isZero()) {
        bad(key, "must be positive, was " + value);
      }
      return parsed;
    } catch (RuntimeException e) {
      bad(key, "not an ISO-8601 duration such as PT15M: " + value);
      return fallback;
    }
  }

  URI uri(String key, String fallback) {
    String value = string(key, fallback);
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
        bad(key, "must be an http(s) URL, was " + value);
      }
      return uri;
    } catch (IllegalArgumentException e) {
      bad(key, "not a URL: " + value);
      return URI.create(fallback);
    }
  }

  List<String> list(String key) {
    String value = optional(key);
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  void failIfAnyProblem() {
    if (!problems.isEmpty()) {
      throw new ApiConfig.ConfigException(problems);
    }
  }
}
