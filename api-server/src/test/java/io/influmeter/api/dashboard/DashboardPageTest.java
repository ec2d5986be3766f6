package io.influmeter.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.support.ApiTest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard page and its files as a browser fetches them. */
class DashboardPageTest extends ApiTest {
  private static final Pattern SCRIPT =
      Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL);
  private static final Pattern LINKED =
      Pattern.compile("(?:src|href)=\"/dashboard/assets/([^\"]+)\"");
  private static final Pattern IMPORTED = Pattern.compile("from '\\./([^']+)'");

  @Test
  void the_page_has_a_strict_policy_and_no_inline_script() {
    var page = http.get("/dashboard");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    String policy = page.header("Content-Security-Policy");
    assertThat(policy)
        .contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'");
    assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
    Matcher scripts = SCRIPT.matcher(page.body());
    int count = 0;
    while (scripts.find()) {
      count++;
      assertThat(scripts.group(1)).contains("src=\"/dashboard/assets/");
      assertThat(scripts.group(2)).isBlank();
    }
    assertThat(count).isPositive();
    assertThat(page.body()).doesNotContain("onclick=", "onload=", "style=\"");
  }

  @Test
  void every_file_the_page_and_its_modules_load_is_served_from_the_jar() {
    String page = http.get("/dashboard").body();
    Matcher linked = LINKED.matcher(page);
    int files = 0;
    while (linked.find()) {
      String name = linked.group(1);
      var asset = http.get("/dashboard/assets/" + name);
      assertThat(asset.status()).as(name).isEqualTo(200);
      assertThat(asset.contentType())
          .as(name)
          .startsWith(name.endsWith(".css") ? "text/css" : "text/javascript");
      files++;
      if (name.endsWith(".js")) {
        Matcher imports = IMPORTED.matcher(asset.body());
        while (imports.find()) {
          var module = http.get("/dashboard/assets/" + imports.group(1));
          assertThat(module.status()).as(imports.group(1) + " imported by " + name).isEqualTo(200);
          files++;
        }
      }
    }
    assertThat(files).isGreaterThanOrEqualTo(7);
    assertThat(http.get("/dashboard/assets/uPlot.esm.js").body()).contains("export");
  }

  @Test
  void unknown_files_are_404_and_unchanged_files_304() {
    var missing = http.get("/dashboard/assets/..%2Fsecrets.txt");
    var first = http.get("/dashboard/assets/dashboard.css");
    var again =
        http.send(
            "GET",
            "/dashboard/assets/dashboard.css",
            null,
            null,
            Map.of("If-None-Match", first.header("ETag")));

    assertThat(missing.status()).isEqualTo(404);
    assertThat(first.header("ETag")).isNotBlank();
    assertThat(again.status()).isEqualTo(304);
  }
}
