package io.influmeter.api.analytics;

import java.time.LocalDateTime;

/** The later of two {@code updated_at} values, either of which may be null. */
final class Newest {
  private Newest() {}

  static LocalDateTime of(LocalDateTime a, LocalDateTime b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }
}
