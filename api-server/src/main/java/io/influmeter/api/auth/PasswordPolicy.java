package io.influmeter.api.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * NIST SP 800-63B style: long enough, not absurdly long (Argon2 input), not a known common
 * password, not the email. No composition rules: they push people to predictable patterns.
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 128;

  private final Set<String> common;

  public PasswordPolicy() {
    var stream = PasswordPolicy.class.getResourceAsStream("common-passwords.txt");
    if (stream == null) {
      throw new IllegalStateException("common-passwords.txt missing from the class path");
    }
    try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      common =
          reader
              .lines()
              .map(String::strip)
              .filter(line -> !line.isEmpty() && !line.startsWith("#"))
              .map(line -> line.toLowerCase(Locale.ROOT))
              .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Why {@code password} is refused, or empty when it is acceptable. */
  public Optional<String> problem(String password, String email) {
    if (password == null || password.isEmpty()) {
      return Optional.of("is required");
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      return Optional.of("must be at least " + MIN_LENGTH + " characters");
    }
    if (length > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (common.contains(lower)) {
      return Optional.of("is too common");
    }
    String localPart = email == null ? "" : email.toLowerCase(Locale.ROOT).split("@")[0];
    if (localPart.length() >= 4 && lower.contains(localPart)) {
      return Optional.of("must not contain your email address");
    }
    return Optional.empty();
  }
}
