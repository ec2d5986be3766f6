package io.influmeter.api;

import static io.influmeter.api.db.Tables.OUTBOX;
import static io.influmeter.api.db.Tables.STORES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.CampaignFixture;
import io.influmeter.api.support.Http;
import io.influmeter.api.support.Mailbox;
import io.influmeter.api.support.Media;
import io.influmeter.api.support.Multipart;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import io.influmeter.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole CRUD story through the HTTP API only, against real PostgreSQL and a real SMTP server
 * (GreenMail): a brand signs up, creates and submits a campaign, an admin approves it, an
 * influencer finds it and applies, the brand accepts, the influencer's link and code exist (and are
 * in the outbox for ingest), a store is registered, content is uploaded, flagged, cleared by the
 * admin and approved by the brand, and the e-mails of each step arrive.
 */
class WholeStoryTest extends ApiTest {
  private final Mailbox mailbox = Mailbox.start();

  @Override
  protected ApiConfig configure(ApiConfig config) {
    return mailbox.configure(config);
  }

  @AfterEach
  void stopMailbox() {
    mailbox.close();
  }

  @Test
  void a_campaign_goes_from_sign_up_to_approved_content_with_every_email_delivered() {
    TestApi.Account brand = api.register("BRAND");
    TestApi.Account influencer = api.register("INFLUENCER");
    TestApi.Account admin = api.admin();
    var campaigns = new CampaignFixture(http, clock);

    // The influencer onboards with a profile the campaign's filters (Nairobi, Instagram) match.
    expect(
        http.put(
            "/influencers/me/profile",
            influencer.accessToken(),
            Map.of(
                "handle",
                "murugi",
                "region",
                "Nairobi",
                "niche",
                "fashion",
                "platforms",
                List.of(Map.of("platform", "INSTAGRAM", "handle", "murugi.style")))),
        200);

    // Brand: create (DRAFT) and submit; admin: sees it in the queue and approves.
    UUID campaign = campaigns.create(brand.accessToken(), campaigns.body());
    expect(http.post("/brands/campaigns/" + campaign + "/submit", brand.accessToken(), null), 200);
    JsonNode queue =
        expect(http.get("/admin/campaigns?status=SUBMITTED", admin.accessToken()), 200).json();
    assertThat(queue.get("campaigns").toString()).contains(campaign.toString());
    JsonNode approved =
        expect(
                http.post("/admin/campaigns/" + campaign + "/approve", admin.accessToken(), null),
                200)
            .json();
    assertThat(approved.get("status").asText()).isEqualTo("APPROVED");

    // Influencer: discovers the campaign and applies; brand: sees the application and accepts.
    JsonNode discover =
        expect(http.get("/influencers/campaigns", influencer.accessToken()), 200).json();
    assertThat(discover.get("items").toString()).contains(campaign.toString());
    expect(
        http.post(
            "/influencers/campaigns/" + campaign + "/applications",
            influencer.accessToken(),
            Map.of("pitch", "My audience buys spring looks")),
        201);
    JsonNode accepted =
        expect(
                http.post(
                    "/brands/campaigns/"
                        + campaign
                        + "/applications/"
                        + influencer.id()
                        + "/accept",
                    brand.accessToken(),
                    null),
                200)
            .json();
    String slug = accepted.at("/link/slug").asText();
    String code = accepted.at("/link/promoCode").asText();
    assertThat(slug).isEqualTo("murugi");
    assertThat(code).matches("MURUGI[0-9]+");

    // The link and code are the influencer's, and the ReferralLink record waits in the outbox.
    JsonNode links = expect(http.get("/influencers/links", influencer.accessToken()), 200).json();
    assertThat(links.toString()).contains("\"" + slug + "\"").contains("\"" + code + "\"");
    var outbox =
        TestDatabase.get()
            .dsl()
            .selectFrom(OUTBOX)
            .where(OUTBOX.AGGREGATE_ID.eq(slug))
            .and(OUTBOX.TOPIC.eq(Topics.REFERRAL_LINKS.name()))
            .fetch();
    assertThat(outbox).isNotEmpty();

    // An edit of the approved campaign (a later end) republishes the link with the new terms.
    expect(
        http.patch(
            "/brands/campaigns/" + campaign,
            brand.accessToken(),
            Map.of("endsAt", clock.instant().plus(Duration.ofDays(60)).toString())),
        200);
    assertThat(
            TestDatabase.get()
                .dsl()
                .fetchCount(
                    OUTBOX, OUTBOX.AGGREGATE_ID.eq(slug).and(OUTBOX.TOPIC.eq("referral.links"))))
        .isEqualTo(outbox.size() + 1);

    // The brand registers its store: the secret is shown once and stored sealed.
    JsonNode store =
        expect(
                http.post(
                    "/brands/stores",
                    brand.accessToken(),
                    Map.of("platform", "SHOPIFY", "displayName", "Spring shop", "currency", "KES")),
                201)
            .json();
    String secret = store.get("signingSecret").asText();
    assertThat(secret).isNotBlank();
    assertThat(store.toString()).contains("/webhooks/shopify/");
    String sealed =
        TestDatabase.get()
            .dsl()
            .select(STORES.SIGNING_SECRET)
            .from(STORES)
            .where(STORES.ID.eq(UUID.fromString(store.at("/store/id").asText())))
            .fetchOne(STORES.SIGNING_SECRET);
    assertThat(sealed).startsWith("v1:");
    assertThat(sealed).doesNotContain(secret);

    // Content: uploaded by the influencer, flagged by the brand, cleared by the admin, approved.
    var upload =
        Multipart.upload(
            api,
            "/campaigns/" + campaign + "/content",
            influencer.accessToken(),
            Media.png(320, 240),
            "spring-look.png",
            "image/png",
            "Spring look #ad");
    assertThat(upload.status()).as(upload.body()).isEqualTo(201);
    String content = upload.json().get("content").get("id").asText();
    expect(
        http.post(
            "/content/" + content + "/flags",
            brand.accessToken(),
            Map.of("reason", "Check the music licence")),
        201);
    JsonNode flagged = expect(http.get("/admin/content/flagged", admin.accessToken()), 200).json();
    assertThat(flagged.toString()).contains(content);
    expect(http.post("/admin/content/" + content + "/restore", admin.accessToken(), null), 200);
    JsonNode approvedContent =
        expect(http.post("/content/" + content + "/approve", brand.accessToken(), null), 200)
            .json();
    assertThat(approvedContent.toString()).contains("APPROVED");

    // The e-mails of the story reach the SMTP server: the brand's approval, the influencer's
    // acceptance and content approval.
    var toBrand = mailbox.awaitMessages(brand.email(), 1, Duration.ofSeconds(30));
    assertThat(toBrand).anySatisfy(m -> assertThat(m.subject()).containsIgnoringCase("approved"));
    var toInfluencer = mailbox.awaitMessages(influencer.email(), 2, Duration.ofSeconds(30));
    assertThat(toInfluencer).hasSizeGreaterThanOrEqualTo(2);
    assertThat(toInfluencer.stream().map(Mailbox.Received::text).toList())
        .allSatisfy(text -> assertThat(text).contains("Spring launch"));
  }

  private static Http.Response expect(Http.Response response, int status) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    return response;
  }
}
