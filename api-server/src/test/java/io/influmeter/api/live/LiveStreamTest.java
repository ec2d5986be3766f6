package io.influmeter.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.influmeter.api.insights.InsightFixtures;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.Campaigns;
import io.influmeter.api.support.EventStream;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The live stream over real HTTP against real PostgreSQL: rows written into the result tables (as
 * the Connect sinks write them) reach a watching browser as {@code update} events through V16's
 * trigger and the one shared listener.
 */
class LiveStreamTest extends ApiTest {

  private record Watched(TestApi.Account brand, UUID campaign) {}

  private Watched brandWithCampaign() {
    TestApi.Account brand = api.register("BRAND");
    UUID campaign =
        new Campaigns(TestDatabase.get().dsl(), clock.instant()).of(brand.id()).insert();
    return new Watched(brand, campaign);
  }

  private String streamToken(String accessToken, UUID campaign) {
    var response = http.post("/analytics/campaigns/" + campaign + "/live-token", accessToken, null);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(Instant.parse(response.json().get("expires_at").asText()))
        .isEqualTo(clock.instant().plus(LiveController.TOKEN_TTL));
    return response.json().get("token").asText();
  }

  private EventStream open(UUID campaign, String token) {
    return EventStream.open(api.server().port(), livePath(campaign, token));
  }

  private static String livePath(UUID campaign, String token) {
    return "/analytics/campaigns/" + campaign + "/live?token=" + token;
  }

  @Test
  void an_insert_into_engagement_windows_reaches_the_watching_brand_as_an_update_within_2_s()
      throws Exception {
    Watched w = brandWithCampaign();
    try (EventStream stream =
        open(w.campaign(), streamToken(w.brand().accessToken(), w.campaign()))) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
      // The first update says the stream is live; the campaign has no rows yet.
      var hello = stream.next("update", Duration.ofSeconds(5));
      assertThat(hello).isNotNull();
      assertThat(hello.json().get("campaign_id").asText()).isEqualTo(w.campaign().toString());
      assertThat(hello.json().at("/freshness/as_of").isNull()).isTrue();

      Instant written = Instant.now();
      InsightFixtures.window(
          TestDatabase.get().dsl(),
          w.campaign(),
          UUID.randomUUID(),
          clock.instant(),
          1,
          7,
          1,
          500,
          3,
          2,
          1);
      var update = stream.next("update", Duration.ofSeconds(2));

      assertThat(update).as("an update within 2 s of the insert").isNotNull();
      Duration latency = Duration.between(written, update.receivedAt());
      System.out.printf("engagement_windows insert -> SSE update: %d ms%n", latency.toMillis());
      assertThat(latency).isLessThan(Duration.ofSeconds(2));
      assertThat(update.json().get("campaign_id").asText()).isEqualTo(w.campaign().toString());
      assertThat(update.json().at("/freshness/as_of").asText()).isNotEmpty();
      assertThat(update.json().at("/freshness/lag_ms").canConvertToLong()).isTrue();
      assertThat(update.json().at("/freshness/generated_at").asText()).isNotEmpty();
    }
  }

  @Test
  void rows_of_another_campaign_send_no_update_and_heartbeats_arrive_every_5_s() throws Exception {
    Watched w = brandWithCampaign();
    Watched other = brandWithCampaign();
    try (EventStream stream =
        open(w.campaign(), streamToken(w.brand().accessToken(), w.campaign()))) {
      assertThat(stream.next("update", Duration.ofSeconds(5))).isNotNull();

      InsightFixtures.window(
          TestDatabase.get().dsl(),
          other.campaign(),
          UUID.randomUUID(),
          clock.instant(),
          1,
          7,
          1,
          500,
          3,
          2,
          1);

      assertThat(stream.next("update", Duration.ofMillis(1500))).isNull();
      var beat = stream.next("heartbeat", Duration.ofSeconds(6));
      assertThat(beat).as("a heartbeat within 5 s").isNotNull();
      assertThat(beat.json().has("freshness")).isTrue();
    }
  }

  @Test
  void another_brand_and_an_influencer_outside_the_campaign_get_404_for_a_token() {
    Watched w = brandWithCampaign();
    String path = "/analytics/campaigns/" + w.campaign() + "/live-token";

    var otherBrand = http.post(path, api.register("BRAND").accessToken(), null);
    var stranger = http.post(path, api.register("INFLUENCER").accessToken(), null);
    var unknown =
        http.post(
            "/analytics/campaigns/" + UUID.randomUUID() + "/live-token",
            w.brand().accessToken(),
            null);

    assertThat(otherBrand.status()).isEqualTo(404);
    assertThat(otherBrand.contentType()).startsWith("application/problem+json");
    assertThat(stranger.status()).isEqualTo(404);
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  void an_accepted_influencer_and_an_admin_may_watch() throws Exception {
    Watched w = brandWithCampaign();
    TestApi.Account influencer = api.register("INFLUENCER");
    new Campaigns(TestDatabase.get().dsl(), clock.instant())
        .participant(w.campaign(), influencer.id(), "ACCEPTED");

    for (String accessToken : List.of(influencer.accessToken(), api.admin().accessToken())) {
      try (EventStream stream = open(w.campaign(), streamToken(accessToken, w.campaign()))) {
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.next("update", Duration.ofSeconds(5))).isNotNull();
      }
    }
  }

  @Test
  void expired_forged_misused_and_missing_tokens_get_401() {
    Watched w = brandWithCampaign();
    String token = streamToken(w.brand().accessToken(), w.campaign());
    UUID otherCampaign =
        new Campaigns(TestDatabase.get().dsl(), clock.instant()).of(w.brand().id()).insert();
    String forged = forge(w.brand().id(), w.campaign());

    List<String> paths = new ArrayList<>();
    paths.add(livePath(w.campaign(), forged));
    paths.add(livePath(otherCampaign, token)); // a token opens only its own campaign
    paths.add(livePath(w.campaign(), w.brand().accessToken())); // never the access token
    paths.add("/analytics/campaigns/" + w.campaign() + "/live");
    for (String path : paths) {
      try (EventStream stream = EventStream.open(api.server().port(), path)) {
        assertThat(stream.status()).as(path).isEqualTo(401);
        assertThat(stream.header("Content-Type")).startsWith("application/problem+json");
      }
    }

    clock.advance(LiveController.TOKEN_TTL.plusSeconds(1));
    try (EventStream expired = open(w.campaign(), token)) {
      assertThat(expired.status()).isEqualTo(401);
    }
  }

  @Test
  void a_stream_token_stops_working_when_its_session_signs_out() {
    Watched w = brandWithCampaign();
    String token = streamToken(w.brand().accessToken(), w.campaign());

    assertThat(http.post("/auth/logout", w.brand().accessToken(), null).status()).isEqualTo(204);

    try (EventStream stream = open(w.campaign(), token)) {
      assertThat(stream.status()).isEqualTo(401);
    }
  }

  @Test
  void a_user_holds_at_most_5_streams_and_a_closed_one_frees_its_place() throws Exception {
    Watched w = brandWithCampaign();
    List<EventStream> open = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        EventStream stream = open(w.campaign(), streamToken(w.brand().accessToken(), w.campaign()));
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.next("update", Duration.ofSeconds(5))).isNotNull();
        open.add(stream);
      }
      try (EventStream sixth =
          open(w.campaign(), streamToken(w.brand().accessToken(), w.campaign()))) {
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.refusal()).contains("too-many-streams");
      }

      open.remove(0).close();

      // The server notices the gone browser when a write to it fails: TCP accepts the first write
      // after the peer closed, so that is the second heartbeat (within 10 s) at the latest.
      long deadline = System.nanoTime() + Duration.ofSeconds(13).toNanos();
      int status = 0;
      while (System.nanoTime() < deadline) {
        EventStream again = open(w.campaign(), streamToken(w.brand().accessToken(), w.campaign()));
        status = again.status();
        if (status == 200) {
          open.add(again);
          break;
        }
        again.close();
        Thread.sleep(250);
      }
      assertThat(status).isEqualTo(200);
    } finally {
      open.forEach(EventStream::close);
    }
  }

  /** A well-formed stream token for the right campaign, signed with a key the server lacks. */
  private String forge(UUID userId, UUID campaign) {
    try {
      var claims =
          new JWTClaimsSet.Builder()
              .issuer("influmeter-api")
              .audience(StreamTokens.AUDIENCE)
              .subject(userId.toString())
              .claim("sid", UUID.randomUUID().toString())
              .claim("cid", campaign.toString())
              .issueTime(Date.from(clock.instant()))
              .expirationTime(Date.from(clock.instant().plusSeconds(60)))
              .jwtID(UUID.randomUUID().toString())
              .build();
      var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(
          new MACSigner(
              "an attacker's key of at least 32 bytes....".getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
