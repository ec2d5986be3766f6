package io.influmeter.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 9457 problem details: {@code application/problem+json} with a stable {@code type} URN per
 * kind of problem, so clients branch on the type, never on the human text.
 */
public final class Problems {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Problems() {}

  /** Writes a problem; {@code detail} must never carry an exception message. */
  public static void write(Context ctx, int status, String code, String title, String detail) {
    ctx.status(status).contentType(CONTENT_TYPE).result(json(status, code, title, detail));
  }

  public static String json(int status, String code, String title, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "urn:influmeter:problem:" + code);
    body.put("title", title);
    body.put("status", status);
    if (detail != null) {
      body.put("detail", detail);
    }
    try {
      return MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True when the client asked for JSON rather than a page. */
  public static boolean wantsJson(Context ctx) {
    String accept = ctx.header("Accept");
    return accept != null && (accept.contains("application/json") || accept.contains(CONTENT_TYPE));
  }
}
