package io.influmeter.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.ingest.webhooks.Signatures;
import io.influmeter.local.demo.ApiClient;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The brand dashboard in a real browser on the whole local stack: a brand and an influencer sign up
 * through the API, the campaign is approved and the influencer accepted (which creates the link), a
 * store is registered; headless Chromium signs in and opens the campaign; then a click on the link
 * goes through ingest and a signed order webhook with its {@code im_click} follows, and the tiles
 * must change without a reload (stream jobs -> Connect sinks -> PostgreSQL -> NOTIFY -> SSE ->
 * refetch). Needs Debian's {@code chromium} and {@code chromium-driver}: without them it fails.
 */
class DashboardBrowserIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path DATA = StackFixtures.dataDirectory("dashboard-browser");
  private static final Path SCREENSHOT = Path.of("target", "dashboard-browser.png");
  private static final String PASSWORD = "correct horse battery staple";
  private static final String BROWSER_AGENT =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/150.0.0.0 Safari/537.36";

  /** Flink's exactly-once sinks publish at checkpoints (10 s in the stack), then Connect writes. */
  private static final Duration PIPELINE = Duration.ofSeconds(90);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private static LocalStack stack;
  private static Path profile;
  private static WebDriver browser;

  @BeforeAll
  static void startTheStackAndTheBrowser() throws IOException {
    // Fail (never skip): a CI without the browser must not pass by testing nothing.
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as(
            "DashboardBrowserIT needs Debian's Chromium and its driver at "
                + CHROMIUM
                + " and "
                + CHROMEDRIVER
                + ": apt-get install -y chromium chromium-driver")
        .isTrue();
    stack = LocalStack.start(LocalStackOptions.ephemeral(DATA, true), System.out);
    profile = Files.createTempDirectory("dashboard-chromium-profile");
    browser = chromium(profile);
  }

  @AfterAll
  static void stopEverything() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (stack != null) {
      stack.close();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  /**
   * Debian's chromedriver and chromium, named explicitly, so Selenium Manager never looks for (or
   * downloads) a driver or a browser.
   */
  private static WebDriver chromium(Path userDataDirectory) {
    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    var options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1366,900",
        "--user-data-dir=" + userDataDirectory.toAbsolutePath());
    return new ChromeDriver(service, options);
  }

  @Test
  void theTilesOfAnOpenDashboardChangeWhenAClickAndAnOrderArriveWithoutAReload() throws Exception {
    // Accounts, campaign, participation (creates the link), store: all through the API.
    String brandEmail = "brand-" + UUID.randomUUID() + "@example.test";
    JsonNode brand =
        api(
            "POST",
            "/auth/register",
            null,
            Map.of(
                "email",
                brandEmail,
                "password",
                PASSWORD,
                "role",
                "BRAND",
                "displayName",
                "Savannah Shoes",
                "organisationName",
                "Savannah Shoes Ltd"));
    String brandToken = brand.get("accessToken").asText();
    String handle = "wanjiku" + (System.nanoTime() % 100_000);
    JsonNode influencer =
        api(
            "POST",
            "/auth/register",
            null,
            Map.of(
                "email",
                handle + "@example.test",
                "password",
                PASSWORD,
                "role",
                "INFLUENCER",
                "displayName",
                "Wanjiku"));
    String influencerToken = influencer.get("accessToken").asText();
    String influencerId = influencer.at("/user/id").asText();
    api(
        "PUT",
        "/influencers/me/profile",
        influencerToken,
        Map.of(
            "handle",
            handle,
            "region",
            "Nairobi",
            "niche",
            "fashion",
            "platforms",
            List.of(Map.of("platform", "INSTAGRAM", "handle", handle))));
    String adminToken =
        api(
                "POST",
                "/auth/login",
                null,
                Map.of(
                    "email",
                    LocalStack.ADMIN_EMAIL,
                    "password",
                    stack.environment().get("BOOTSTRAP_ADMIN_PASSWORD")))
            .get("accessToken")
            .asText();

    Instant now = Instant.now();
    String campaignName = "Rainy season launch";
    String campaign =
        api(
                "POST",
                "/brands/campaigns",
                brandToken,
                Map.of(
                    "name",
                    campaignName,
                    "brief",
                    "Boots for the rains",
                    "objective",
                    "SALES",
                    "budget",
                    "250000.00",
                    "currency",
                    "KES",
                    "startsAt",
                    now.minus(Duration.ofHours(1)).toString(),
                    "endsAt",
                    now.plus(Duration.ofDays(30)).toString(),
                    "commission",
                    Map.of("type", "PERCENTAGE", "percent", "10"),
                    "targetFilters",
                    Map.of("regions", List.of("Nairobi"), "platforms", List.of("INSTAGRAM")),
                    "landingUrl",
                    "https://shop.example.test/boots"))
            .get("id")
            .asText();
    api("POST", "/brands/campaigns/" + campaign + "/submit", brandToken, null);
    api("POST", "/admin/campaigns/" + campaign + "/approve", adminToken, null);
    assertThat(api("GET", "/brands/campaigns/" + campaign, brandToken, null).get("status").asText())
        .isEqualTo("ACTIVE");
    api(
        "POST",
        "/influencers/campaigns/" + campaign + "/applications",
        influencerToken,
        Map.of("pitch", "My followers need boots"));
    String slug =
        api(
                "POST",
                "/brands/campaigns/" + campaign + "/applications/" + influencerId + "/accept",
                brandToken,
                null)
            .at("/link/slug")
            .asText();
    JsonNode store =
        api(
            "POST",
            "/brands/stores",
            brandToken,
            Map.of("platform", "GENERIC", "displayName", "Savannah web shop", "currency", "KES"));
    String storeId = store.at("/store/id").asText();
    String signingSecret = store.get("signingSecret").asText();

    // The browser signs in and opens the campaign (the only one: picked by default).
    browser.get(apiUrl("/dashboard"));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(d -> d.findElement(By.id("email")).isDisplayed());
    browser.findElement(By.id("email")).sendKeys(brandEmail);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.id("sign-in-button")).click();
    wait.until(d -> campaignName.equals(d.findElement(By.id("campaign-title")).getText()));
    wait.until(d -> "0".equals(tile(d, "clicks")));
    wait.until(d -> d.findElement(By.id("freshness")).getAttribute("data-state").equals("live"));
    String revenueBefore = tile(browser, "revenue");

    // A shopper follows the link (once ingest knows it: CDC publishes it from the outbox). Traffic
    // then keeps flowing, as on a live campaign: watermarks move with later events (the attribution
    // job prices an order once the watermark passes it; a silent topic would hold it back for the
    // 30 s idle timeout), and a click that reaches a job still starting up is not the only one.
    String clickId = followLink(slug);
    Instant clicked = Instant.now();
    Store shop = new Store(storeId, signingSecret);
    AtomicBoolean otherOrders = new AtomicBoolean(false);
    var traffic = Executors.newSingleThreadScheduledExecutor();
    traffic.scheduleWithFixedDelay(
        () -> {
          try {
            followLink(slug);
            if (otherOrders.get()) {
              shop.order("99.00", null); // a shopper who did not come through the link
            }
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
    Duration clickToTile;
    Duration orderToTile;
    try {
      new WebDriverWait(browser, PIPELINE).until(d -> !"0".equals(tile(d, "clicks")));
      clickToTile = Duration.between(clicked, Instant.now());

      // ...and buys: the store's signed webhook carries the click id.
      assertThat(shop.order("4500.00", clickId)).isEqualTo(200);
      Instant ordered = Instant.now();
      otherOrders.set(true);
      new WebDriverWait(browser, PIPELINE)
          .until(
              d -> "1".equals(tile(d, "conversions")) && !revenueBefore.equals(tile(d, "revenue")));
      orderToTile = Duration.between(ordered, Instant.now());
    } finally {
      traffic.shutdownNow();
      screenshot();
    }

    assertThat(tile(browser, "revenue")).contains("4,500.00");
    assertThat(tile(browser, "commission")).contains("450.00");
    assertThat(browser.findElements(By.cssSelector("#leaderboard tr"))).hasSize(1);
    // No reload happened: the page's JavaScript state survived (the sign-in form stayed hidden).
    assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isFalse();
    System.out.printf(
        "dashboard tiles: click -> clicks tile %d ms, order webhook -> conversions/revenue tiles %d ms%n",
        clickToTile.toMillis(), orderToTile.toMillis());
  }

  /** A registered store sending signed orders to ingest's generic webhook. */
  private record Store(String id, String signingSecret) {
    int order(String amount, String clickId) throws Exception {
      Map<String, Object> fields = new java.util.HashMap<>();
      fields.put("type", "order");
      fields.put("order_id", "ORD-" + UUID.randomUUID());
      fields.put("amount", amount);
      fields.put("currency", "KES");
      fields.put("occurred_at", Instant.now().toString());
      if (clickId != null) {
        fields.put("click_id", clickId);
      }
      byte[] body = JSON.writeValueAsBytes(fields);
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(ingestUrl("/webhooks/generic/" + id)))
                  .header("Content-Type", "application/json")
                  .header(
                      "Influmeter-Signature",
                      Signatures.timestampedHeader(
                          signingSecret.getBytes(StandardCharsets.UTF_8),
                          Instant.now().getEpochSecond(),
                          body))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .statusCode();
    }
  }

  private static String tile(WebDriver driver, String name) {
    return driver.findElement(By.id("tile-" + name)).getText().strip();
  }

  /** Follows /go/{slug} as a browser would, once ingest knows the link; returns its im_click. */
  private static String followLink(String slug) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    HttpResponse<String> redirect;
    do {
      redirect =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(ingestUrl("/go/" + slug)))
                  .header("User-Agent", BROWSER_AGENT)
                  .header("Accept", "text/html")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (redirect.statusCode() != 302) {
        Thread.sleep(100);
      }
    } while (redirect.statusCode() != 302 && System.nanoTime() < deadline);
    assertThat(redirect.statusCode()).as("ingest redirects /go/" + slug).isEqualTo(302);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    String query = URI.create(location).getRawQuery();
    for (String pair : query.split("&")) {
      if (pair.startsWith("im_click=")) {
        return URLDecoder.decode(pair.substring("im_click=".length()), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no im_click in " + location);
  }

  private static void screenshot() throws IOException {
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.createDirectories(SCREENSHOT.getParent());
    Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String apiUrl(String path) {
    return "http://127.0.0.1:" + stack.apiPort() + path;
  }

  private static String ingestUrl(String path) {
    return "http://127.0.0.1:" + stack.ingestPort() + path;
  }

  private static JsonNode api(String method, String path, String token, Object body)
      throws Exception {
    ApiClient.Answer answer = new ApiClient(HTTP, stack.apiPort()).send(method, path, token, body);
    assertThat(answer.status()).as(method + " " + path + ": " + answer.body()).isBetween(200, 299);
    return answer.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(answer.body());
  }
}
