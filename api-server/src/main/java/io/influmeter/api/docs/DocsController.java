package io.influmeter.api.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.http.Route;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Serves {@code /openapi.json} and {@code /docs}: one self-contained HTML page (no CDN) whose
 * inline script is allowed by its hash in the page's own Content-Security-Policy.
 */
public final class DocsController {
  private final Supplier<List<Route>> routes;
  private final ObjectMapper json;
  private final String page;
  private final String pagePolicy;
  private volatile String document;

  /**
   * @param routes the routes table, read on first use (the table contains this controller's own
   *     routes, so it cannot exist before it)
   */
  public DocsController(Supplier<List<Route>> routes, ObjectMapper json) {
    this.routes = routes;
    this.json = json;
    String script = resource("docs.js");
    this.page = resource("docs.html").replace("/*SCRIPT*/", script);
    this.pagePolicy =
        "default-src 'none'; connect-src 'self'; style-src 'unsafe-inline'; script-src 'sha256-"
            + sha256Base64(script)
            + "'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  }

  /** The OpenAPI document as JSON text. */
  public String document() {
    String current = document;
    if (current == null) {
      try {
        current =
            json.writerWithDefaultPrettyPrinter()
                .writeValueAsString(OpenApiDocument.build(routes.get()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write the OpenAPI document", e);
      }
      document = current;
    }
    return current;
  }

  public void openApi(Context ctx) {
    ctx.contentType("application/json").result(document());
  }

  public void page(Context ctx) {
    ctx.header("Content-Security-Policy", pagePolicy);
    ctx.header("Cache-Control", "no-cache");
    ctx.html(page);
  }

  private static String resource(String name) {
    try (InputStream in = DocsController.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256Base64(String value) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
