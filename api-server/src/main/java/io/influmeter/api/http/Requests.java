package io.influmeter.api.http;

import io.influmeter.api.auth.Principal;
import io.javalin.http.Context;
import java.util.UUID;

/** Reading what the gate and the router put in a request. */
public final class Requests {
  static final String PRINCIPAL = "influmeter.principal";

  private Requests() {}

  /** The verified caller; routes that require a token always have one (the gate ran). */
  public static Principal principal(Context ctx) {
    Principal principal = ctx.attribute(PRINCIPAL);
    if (principal == null) {
      throw ApiException.unauthorized();
    }
    return principal;
  }

  /**
   * The client's address as the socket sees it. Behind a reverse proxy, configure the proxy to
   * overwrite (not append to) the forwarding header and read that here instead.
   */
  public static String clientIp(Context ctx) {
    return ctx.ip();
  }

  /** A UUID path parameter; anything else is "not found", like a UUID that matches nothing. */
  public static UUID uuidPathParam(Context ctx, String name) {
    try {
      return UUID.fromString(ctx.pathParam(name));
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound();
    }
  }

  public static int intQueryParam(Context ctx, String name, int fallback, int min, int max) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.validation(
        java.util.List.of(
            new ApiException.FieldError(
                name, "must be a whole number from " + min + " to " + max)));
  }
}
