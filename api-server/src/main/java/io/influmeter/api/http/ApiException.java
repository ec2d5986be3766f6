package io.influmeter.api.http;

import java.util.List;
import java.util.Map;

/**
 * A failure with an HTTP meaning, thrown by services and mapped once by {@link ProblemMapper} to
 * RFC 9457 problem+json. The {@code code} is stable: clients switch on it (its URI form is the
 * problem's {@code type}).
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String title;
  private final transient List<FieldError> fieldErrors;
  private final transient Map<String, String> headers;
  private final transient Map<String, Object> extensions;

  public ApiException(
      int status,
      String code,
      String title,
      String detail,
      List<FieldError> fieldErrors,
      Map<String, String> headers) {
    this(status, code, title, detail, fieldErrors, headers, Map.of());
  }

  /**
   * With RFC 9457 extension members: extra top-level members of the problem object that a client
   * can act on (e.g. {@code allowed}: the actions legal now).
   */
  public ApiException(
      int status,
      String code,
      String title,
      String detail,
      List<FieldError> fieldErrors,
      Map<String, String> headers,
      Map<String, Object> extensions) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.title = title;
    this.fieldErrors = List.copyOf(fieldErrors);
    this.headers = Map.copyOf(headers);
    this.extensions = Map.copyOf(extensions);
  }

  /** One bad field of a request body or query. */
  public record FieldError(String field, String message) {}

  public static ApiException validation(List<FieldError> errors) {
    return new ApiException(
        400, "validation", "Invalid request", "One or more fields are invalid.", errors, Map.of());
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, "bad-request", "Bad request", detail, List.of(), Map.of());
  }

  /** Missing, malformed, expired or revoked credentials: deliberately one answer for all. */
  public static ApiException unauthorized() {
    return new ApiException(
        401,
        "unauthorized",
        "Authentication required",
        "A valid access token is required.",
        List.of(),
        Map.of("WWW-Authenticate", "Bearer"));
  }

  public static ApiException invalidCredentials() {
    return new ApiException(
        401,
        "invalid-credentials",
        "Invalid credentials",
        "The credentials are not valid.",
        List.of(),
        Map.of());
  }

  public static ApiException forbidden() {
    return new ApiException(
        403, "forbidden", "Forbidden", "Your role may not do this.", List.of(), Map.of());
  }

  /** Used for objects that do not exist and for objects of other tenants alike. */
  public static ApiException notFound() {
    return new ApiException(
        404, "not-found", "Not found", "No such resource.", List.of(), Map.of());
  }

  public static ApiException conflict(String code, String detail) {
    return new ApiException(409, code, "Conflict", detail, List.of(), Map.of());
  }

  public static ApiException tooManyRequests(String code, long retryAfterSeconds) {
    long seconds = Math.max(1, retryAfterSeconds);
    return new ApiException(
        429,
        code,
        "Too many requests",
        "Try again in " + seconds + " s.",
        List.of(),
        Map.of("Retry-After", Long.toString(seconds)));
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }
}
