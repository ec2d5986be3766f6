package io.influmeter.api.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects every field error of a request, then fails once with all of them. */
public final class Validation {
  private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]{1,2000}");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()\\-]{6,20}");

  private final List<ApiException.FieldError> errors = new ArrayList<>();

  public Validation required(String field, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      errors.add(new ApiException.FieldError(field, "is required"));
    }
    return this;
  }

  /** Checks a string's length if present (use {@link #required} for presence). */
  public Validation length(String field, String value, int min, int max) {
    if (value != null && (value.strip().length() < min || value.length() > max)) {
      errors.add(
          new ApiException.FieldError(
              field, "must be between " + min + " and " + max + " characters"));
    }
    return this;
  }

  public Validation url(String field, String value) {
    if (value != null && !value.isEmpty() && !URL.matcher(value).matches()) {
      errors.add(new ApiException.FieldError(field, "must be an http(s) URL"));
    }
    return this;
  }

  public Validation phone(String field, String value) {
    if (value != null && !value.isEmpty() && !PHONE.matcher(value).matches()) {
      errors.add(new ApiException.FieldError(field, "must be a phone number"));
    }
    return this;
  }

  public Validation check(boolean ok, String field, String message) {
    if (!ok) {
      errors.add(new ApiException.FieldError(field, message));
    }
    return this;
  }

  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
  }
}
