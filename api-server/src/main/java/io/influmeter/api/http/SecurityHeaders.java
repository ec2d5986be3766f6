package io.influmeter.api.http;

import io.javalin.http.Context;

/**
 * Headers on every response. The API serves JSON only, so its policy forbids everything a browser
 * could do with a response; the docs page widens it for itself.
 */
public final class SecurityHeaders {
  public static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  public static void apply(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Content-Security-Policy", API_CSP);
    ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    // Responses carry personal data and tokens: no shared or browser caching.
    ctx.header("Cache-Control", "no-store");
  }
}
