package io.influmeter.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * RFC 9457 problem details. {@code type} is a stable relative URI ({@code /problems/<code>});
 * {@code code} repeats its last segment for clients that prefer a plain string.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String code,
    List<ApiException.FieldError> errors) {

  public static final String CONTENT_TYPE = "application/problem+json";

  public static String typeOf(String code) {
    return "/problems/" + code;
  }

  public static Problem of(ApiException e, String instance) {
    return new Problem(
        typeOf(e.code()),
        e.title(),
        e.status(),
        e.getMessage(),
        instance,
        e.code(),
        e.fieldErrors());
  }
}
