package io.influmeter.api.dashboard;

import io.influmeter.api.http.ApiException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Serves the brand dashboard: {@code GET /dashboard} and its static files {@code GET
 * /dashboard/assets/{name}} (plain ES modules and CSS from this jar, uPlot from its webjar, no
 * CDN), all read once at start. The page's Content-Security-Policy admits scripts, styles and
 * connections from this origin only: no inline script, nothing foreign.
 */
public final class DashboardPage {
  static final String PAGE_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
          + " img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
  private static final String JAVASCRIPT = "text/javascript; charset=utf-8";
  private static final String CSS = "text/css; charset=utf-8";

  private record Asset(byte[] bytes, String contentType, String etag) {}

  private final Asset page;
  private final Map<String, Asset> assets;

  public DashboardPage() {
    this.page = load("/dashboard/index.html", "text/html; charset=utf-8");
    this.assets =
        Map.of(
            "dashboard.js", load("/dashboard/assets/dashboard.js", JAVASCRIPT),
            "api.js", load("/dashboard/assets/api.js", JAVASCRIPT),
            "live.js", load("/dashboard/assets/live.js", JAVASCRIPT),
            "format.js", load("/dashboard/assets/format.js", JAVASCRIPT),
            "dashboard.css", load("/dashboard/assets/dashboard.css", CSS),
            "uPlot.esm.js", load(UPLOT + "uPlot.esm.js", JAVASCRIPT),
            "uPlot.min.css", load(UPLOT + "uPlot.min.css", CSS));
  }

  public void page(Context ctx) {
    ctx.header("Content-Security-Policy", PAGE_POLICY);
    serve(ctx, page);
  }

  public void asset(Context ctx) {
    Asset asset = assets.get(ctx.pathParam("name"));
    if (asset == null) {
      throw ApiException.notFound();
    }
    serve(ctx, asset);
  }

  private static void serve(Context ctx, Asset asset) {
    // Public files, no personal data: browsers may keep them but must revalidate (ETag), so a new
    // release shows at once.
    ctx.header("Cache-Control", "no-cache");
    ctx.header("ETag", asset.etag());
    if (asset.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType(asset.contentType()).result(asset.bytes());
  }

  private static Asset load(String resource, String contentType) {
    try (InputStream in = DashboardPage.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " missing from the class path");
      }
      byte[] bytes = in.readAllBytes();
      String etag =
          "\""
              + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12)
              + "\"";
      return new Asset(bytes, contentType, etag);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
