package io.influmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.LinkStatus;
import io.influmeter.events.ReferralLink;
import io.influmeter.ingest.stores.InMemoryStoreDirectory;
import io.influmeter.schemas.ClickId;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedirectTest {

  private static final String IPHONE_INSTAGRAM =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Mobile/15E148 Instagram 321.0.2.24.105";

  private final AvroSerde<ClickEvent> clicks =
      Serdes.forTopic(Topics.CLICKS, new BuiltInSchemaRegistry());
  private IngestFixture fixture;
  private ReferralLink shoes;

  @BeforeAll
  void start(EmbeddedKafka kafka) {
    shoes = IngestFixture.link("Murugi-Shoes", "https://shop.example/shoes?color=red#top");
    ReferralLink passthrough = IngestFixture.link("pass", "https://shop.example/p");
    passthrough.setAllowUtmPassthrough(true);
    ReferralLink paused = IngestFixture.link("paused", "https://shop.example/paused");
    paused.setStatus(LinkStatus.PAUSED);
    paused.setFallbackUrl("https://shop.example/home");
    ReferralLink retired = IngestFixture.link("retired", "https://shop.example/r");
    retired.setStatus(LinkStatus.RETIRED);
    ReferralLink ended = IngestFixture.link("ended", "https://shop.example/e");
    ended.setCampaignEndsAt(Instant.now().minus(Duration.ofDays(1)));
    ReferralLink evil = IngestFixture.link("evil", "javascript:alert(1)");
    fixture =
        IngestFixture.start(
            kafka,
            new InMemoryStoreDirectory(),
            List.of(shoes, passthrough, paused, retired, ended, evil),
            TestDirectories.fresh("redirect-spool-"));
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  @Test
  void aClickRedirectsToTheDestinationWithUtmAndClickIdAndProducesExactlyOneClickEvent() {
    long before = fixture.endOffsets(fixture.config.clicksTopic());

    HttpResponse<String> response =
        fixture.get(
            "/go/murugi-SHOES?utm_source=evil",
            "User-Agent",
            IPHONE_INSTAGRAM,
            "Referer",
            "https://instagram.com/",
            "CF-IPCountry",
            "ke");

    assertThat(response.statusCode()).isEqualTo(302);
    String location = response.headers().firstValue("Location").orElseThrow();
    assertThat(location)
        .startsWith(
            "https://shop.example/shoes?color=red&utm_medium=influencer&utm_source=instagram&im_click=")
        .endsWith("#top");
    assertThat(response.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(
            cookie -> assertThat(cookie).startsWith("im_vid=").contains("HttpOnly"));
    fixture.assertEndOffsetsSettleAt(fixture.config.clicksTopic(), before + 1);

    String clickId = location.substring(location.indexOf("im_click=") + 9, location.indexOf('#'));
    ConsumerRecord<String, byte[]> last =
        fixture.records(fixture.config.clicksTopic()).stream()
            .filter(r -> decode(r).getClickId().equals(clickId))
            .findFirst()
            .orElseThrow();
    ClickEvent click = decode(last);
    assertThat(ClickId.verify(clickId, fixture.config.clickIdKeys()).orElseThrow().linkId())
        .hasToString(shoes.getLinkId());
    assertThat(last.key()).isEqualTo(shoes.getLinkId());
    assertThat(click.getSlug()).isEqualTo("murugi-shoes");
    assertThat(click.getCampaignId()).isEqualTo(shoes.getCampaignId());
    assertThat(click.getDevice()).isEqualTo("mobile");
    assertThat(click.getOs()).isEqualTo("iOS");
    assertThat(click.getBrowser()).isEqualTo("Instagram");
    assertThat(click.getCountry()).isEqualTo("KE");
    assertThat(click.getIsBot()).isFalse();
    assertThat(click.getReferrer()).isEqualTo("https://instagram.com/");
    assertThat(click.getUtm()).containsEntry("utm_source", "instagram");
    assertThat(click.getDestinationUrl()).isEqualTo(location);
    assertThat(click.getVisitorHash()).isNotBlank().doesNotContain("127.0.0");
    // The cookie set on this first visit already identifies this click, and the id carries it.
    assertThat(click.getVisitorId()).isNotBlank();
    assertThat(ClickId.verify(clickId, fixture.config.clickIdKeys()))
        .hasValueSatisfying(
            verified -> {
              assertThat(verified.visitorTag()).isEqualTo(ClickId.visitorTag(click.getVisitorId()));
              assertThat(verified.excluded()).isFalse();
            });
    String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    String value = cookie.substring("im_vid=".length(), cookie.indexOf(';'));
    HttpResponse<String> again = fixture.get("/go/murugi-shoes", "Cookie", "im_vid=" + value);
    fixture.assertEndOffsetsSettleAt(fixture.config.clicksTopic(), before + 2);
    String secondId = clickIdOf(again);
    assertThat(
            fixture.records(fixture.config.clicksTopic()).stream()
                .map(this::decode)
                .filter(r -> r.getClickId().equals(secondId))
                .findFirst()
                .orElseThrow()
                .getVisitorId())
        .isEqualTo(click.getVisitorId());
  }

  private static String clickIdOf(HttpResponse<String> response) {
    String location = response.headers().firstValue("Location").orElseThrow();
    int start = location.indexOf("im_click=") + "im_click=".length();
    int end = start;
    while (end < location.length() && location.charAt(end) != '&' && location.charAt(end) != '#') {
      end++;
    }
    return location.substring(start, end);
  }

  @Test
  void incomingUtmPassesThroughOnlyWhereTheLinkAllowsIt() {
    HttpResponse<String> response = fixture.get("/go/pass?utm_source=tiktok&utm_content=v1&x=1");

    assertThat(response.statusCode()).isEqualTo(302);
    String location = response.headers().firstValue("Location").orElseThrow();
    assertThat(location)
        .startsWith("https://shop.example/p?")
        .contains("utm_source=tiktok")
        .contains("utm_content=v1")
        .doesNotContain("x=1");
  }

  @Test
  void aReturningVisitorIsIdentifiedByTheHashOfItsCookie() {
    long before = fixture.endOffsets(fixture.config.clicksTopic());
    HttpResponse<String> response = fixture.get("/go/murugi-shoes", "Cookie", "im_vid=abc123");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    fixture.assertEndOffsetsSettleAt(fixture.config.clicksTopic(), before + 1);
    String clickId = clickIdOf(response);
    List<ConsumerRecord<String, byte[]>> records = fixture.records(fixture.config.clicksTopic());
    assertThat(records)
        .map(r -> clicks.decode(r.topic(), r.partition(), r.offset(), r.value()))
        .filteredOn(click -> click.getClickId().equals(clickId))
        .singleElement()
        .satisfies(click -> assertThat(click.getVisitorId()).isNotBlank().isNotEqualTo("abc123"));
  }

  @Test
  void headRequestsAndLinkPreviewsAreRedirectedButFlaggedAsBots() {
    HttpResponse<String> head = fixture.head("/go/murugi-shoes", "User-Agent", IPHONE_INSTAGRAM);
    HttpResponse<String> slack =
        fixture.get(
            "/go/murugi-shoes",
            "User-Agent",
            "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)");

    assertThat(head.statusCode()).isEqualTo(302);
    assertThat(slack.statusCode()).isEqualTo(302);
    List<ClickEvent> bots =
        fixture.records(fixture.config.clicksTopic()).stream()
            .map(r -> clicks.decode(r.topic(), r.partition(), r.offset(), r.value()))
            .filter(ClickEvent::getIsBot)
            .toList();
    assertThat(bots).extracting(ClickEvent::getBotReason).contains("head-request", "link-preview");
    // Their click ids say so too: an order carrying one never earns, even if the click is lost.
    assertThat(ClickId.verify(clickIdOf(slack), fixture.config.clickIdKeys()))
        .hasValueSatisfying(verified -> assertThat(verified.excluded()).isTrue());
  }

  @Test
  void noTrackRedirectsWithoutRecordingAnything() {
    long before = fixture.endOffsets(fixture.config.clicksTopic());

    HttpResponse<String> byHeader = fixture.get("/go/murugi-shoes", "im-no-track", "1");
    HttpResponse<String> byQuery = fixture.get("/go/murugi-shoes?im_notrack=1");

    assertThat(byHeader.statusCode()).isEqualTo(302);
    assertThat(byQuery.statusCode()).isEqualTo(302);
    assertThat(byHeader.headers().firstValue("Location").orElseThrow()).doesNotContain("im_click");
    assertThat(fixture.endOffsets(fixture.config.clicksTopic())).isEqualTo(before);
  }

  @Test
  void unknownRetiredExpiredAndUnsafeLinksAnswer404AsHtmlOrProblemJson() {
    long before = fixture.endOffsets(fixture.config.clicksTopic());

    HttpResponse<String> html = fixture.get("/go/nope", "Accept", "text/html");
    HttpResponse<String> json = fixture.get("/go/nope", "Accept", "application/json");

    assertThat(html.statusCode()).isEqualTo(404);
    assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(json.statusCode()).isEqualTo(404);
    assertThat(json.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(json.body()).contains("\"type\":\"urn:influmeter:problem:link-not-found\"");
    assertThat(fixture.get("/go/retired").statusCode()).isEqualTo(404);
    assertThat(fixture.get("/go/ended").statusCode()).isEqualTo(404);
    assertThat(fixture.get("/go/evil").statusCode()).isEqualTo(404);
    assertThat(fixture.endOffsets(fixture.config.clicksTopic())).isEqualTo(before);
  }

  @Test
  void aPausedLinkWithAFallbackRedirectsThereWithoutRecordingAClick() {
    long before = fixture.endOffsets(fixture.config.clicksTopic());

    HttpResponse<String> response = fixture.get("/go/paused");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValue("https://shop.example/home");
    assertThat(fixture.endOffsets(fixture.config.clicksTopic())).isEqualTo(before);
  }

  @Test
  void aLinkCreatedLaterRedirectsWithinTwoSecondsAndADeletedOneStops() {
    ReferralLink fresh =
        IngestFixture.link("fresh-" + UUID.randomUUID(), "https://shop.example/new");
    IngestFixture.publishLinks(fixture.kafka, fixture.config.linksTopic(), List.of(fresh));

    await()
        .atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> fixture.get("/go/" + fresh.getSlug()).statusCode() == 302);

    IngestFixture.deleteLink(fixture.kafka, fixture.config.linksTopic(), fresh.getSlug());
    await()
        .atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> fixture.get("/go/" + fresh.getSlug()).statusCode() == 404);
  }

  private ClickEvent decode(ConsumerRecord<String, byte[]> r) {
    return clicks.decode(r.topic(), r.partition(), r.offset(), r.value());
  }

  @Test
  void healthAndMetricsAnswer() {
    assertThat(fixture.get("/health/live").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = fixture.get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"status\":\"UP\"");
    HttpResponse<String> metrics = fixture.get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("ingest_delivery_total").contains("ingest_links");
  }
}
