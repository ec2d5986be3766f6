package io.influmeter.api.content;

import static io.influmeter.api.db.Tables.AUDIT_LOG;
import static io.influmeter.api.db.Tables.NOTIFICATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.Campaigns;
import io.influmeter.api.support.Media;
import io.influmeter.api.support.Multipart;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Review decisions and their history, revisions, downloads, flags and the admin's moderation. */
class ContentReviewTest extends ApiTest {
  private TestApi.Account brand;
  private TestApi.Account influencer;
  private UUID campaignId;
  private String contentId;

  @BeforeEach
  void uploadedContent() {
    brand = api.register("BRAND");
    influencer = api.register("INFLUENCER");
    var fixture = Campaigns.now();
    campaignId = fixture.of(brand.id()).name("Summer, \"quoted\" launch").status("ACTIVE").insert();
    fixture.participant(campaignId, influencer.id(), "ACCEPTED");
    var response = upload("/campaigns/" + campaignId + "/content", Media.png(100, 50));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    contentId = response.json().get("content").get("id").asText();
  }

  @Test
  void request_changes_then_a_new_revision_then_approval_is_kept_as_history_and_notified() {
    var changes =
        http.post(
            "/content/" + contentId + "/request-changes",
            brand.accessToken(),
            Map.of("comment", "Show the logo"));
    assertThat(changes.status()).as(changes.body()).isEqualTo(200);
    assertThat(changes.json().get("content").get("reviewStatus").asText())
        .isEqualTo("CHANGES_REQUESTED");

    var revision = upload("/content/" + contentId + "/revisions", Media.jpeg(64, 64));
    assertThat(revision.status()).as(revision.body()).isEqualTo(201);
    assertThat(revision.json().get("content").get("currentRevision").asInt()).isEqualTo(2);
    assertThat(revision.json().get("content").get("reviewStatus").asText())
        .isEqualTo("PENDING_REVIEW");

    var approved = http.post("/content/" + contentId + "/approve", brand.accessToken(), null);
    assertThat(approved.status()).isEqualTo(200);

    JsonNode detail = http.get("/content/" + contentId, influencer.accessToken()).json();
    assertThat(detail.get("content").get("reviewStatus").asText()).isEqualTo("APPROVED");
    assertThat(detail.get("revisions")).hasSize(2);
    JsonNode history = detail.get("history");
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("decision").asText()).isEqualTo("CHANGES_REQUESTED");
    assertThat(history.get(0).get("revision").asInt()).isEqualTo(1);
    assertThat(history.get(0).get("comment").asText()).isEqualTo("Show the logo");
    assertThat(history.get(1).get("decision").asText()).isEqualTo("APPROVED");
    assertThat(history.get(1).get("revision").asInt()).isEqualTo(2);

    var kinds =
        TestDatabase.get()
            .dsl()
            .select(NOTIFICATIONS.KIND)
            .from(NOTIFICATIONS)
            .where(NOTIFICATIONS.RECIPIENT_ID.eq(influencer.id()))
            .orderBy(NOTIFICATIONS.CREATED_AT)
            .fetch(NOTIFICATIONS.KIND);
    assertThat(kinds).containsExactlyInAnyOrder("CONTENT_CHANGES_REQUESTED", "CONTENT_APPROVED");
    String facts =
        TestDatabase.get()
            .dsl()
            .select(NOTIFICATIONS.FACTS)
            .from(NOTIFICATIONS)
            .where(NOTIFICATIONS.KIND.eq("CONTENT_CHANGES_REQUESTED"))
            .fetchOne(NOTIFICATIONS.FACTS)
            .data();
    assertThat(facts)
        .contains(
            campaignId.toString(), contentId, "Show the logo", "Summer, \\\"quoted\\\" launch");
  }

  @Test
  void decided_content_cannot_be_decided_again_and_a_revision_needs_requested_changes() {
    assertThat(upload("/content/" + contentId + "/revisions", Media.png(5, 5)).status())
        .isEqualTo(409);
    assertThat(http.post("/content/" + contentId + "/approve", brand.accessToken(), null).status())
        .isEqualTo(200);
    var again =
        http.post(
            "/content/" + contentId + "/request-changes",
            brand.accessToken(),
            Map.of("comment", "late"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("code").asText()).isEqualTo("content-not-pending");
  }

  @Test
  void another_brand_and_another_influencer_see_404_for_the_content() {
    var otherBrand = api.register("BRAND");
    var otherInfluencer = api.register("INFLUENCER");

    for (var account : java.util.List.of(otherBrand, otherInfluencer)) {
      assertThat(http.get("/content/" + contentId, account.accessToken()).status()).isEqualTo(404);
      assertThat(
              http.get("/content/" + contentId + "/download-url", account.accessToken()).status())
          .isEqualTo(404);
      assertThat(http.get("/campaigns/" + campaignId + "/content", account.accessToken()).status())
          .isEqualTo(404);
    }
    assertThat(
            http.post("/content/" + contentId + "/approve", otherBrand.accessToken(), null)
                .status())
        .isEqualTo(404);
  }

  @Test
  void the_signed_download_serves_the_bytes_as_an_attachment_with_safe_headers() {
    byte[] expected = Media.png(100, 50);
    var url = http.get("/content/" + contentId + "/download-url", brand.accessToken());
    assertThat(url.status()).isEqualTo(200);

    var file = Multipart.get(api, url.json().get("url").asText());

    assertThat(file.status()).isEqualTo(200);
    assertThat(file.raw().body()).isEqualTo(expected);
    assertThat(file.header("Content-Type")).startsWith("image/png");
    assertThat(file.header("Content-Disposition")).startsWith("attachment;").contains(".png");
    assertThat(file.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(file.header("Content-Security-Policy")).contains("default-src 'none'", "sandbox");
  }

  @Test
  void an_expired_download_url_gets_403_and_a_tampered_one_404() {
    String url =
        http.get("/content/" + contentId + "/download-url", influencer.accessToken())
            .json()
            .get("url")
            .asText();
    String token = url.substring(url.lastIndexOf('/') + 1);
    // Change a character inside the MAC (the last one carries padding bits only).
    int at = token.indexOf('.') + 5;
    String tampered =
        token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
    String otherPayload = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);

    assertThat(Multipart.get(api, "/content/files/" + tampered).status()).isEqualTo(404);
    assertThat(Multipart.get(api, "/content/files/" + otherPayload).status()).isEqualTo(404);
    assertThat(Multipart.get(api, "/content/files/not-a-token").status()).isEqualTo(404);
    assertThat(Multipart.get(api, url).status()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(5));

    var expired = Multipart.get(api, url);
    assertThat(expired.status()).isEqualTo(403);
    assertThat(expired.json().get("code").asText()).isEqualTo("download-url-expired");
  }

  @Test
  void a_flag_puts_content_in_the_admin_queue_and_removal_and_restoration_are_audited() {
    var admin = api.admin();
    var flag =
        http.post(
            "/content/" + contentId + "/flags",
            brand.accessToken(),
            Map.of("reason", "Uses a competitor's song"));
    assertThat(flag.status()).as(flag.body()).isEqualTo(201);

    var queue = http.get("/admin/content/flagged", admin.accessToken()).json().get("items");
    assertThat(queue).hasSize(1);
    assertThat(queue.get(0).get("content").get("id").asText()).isEqualTo(contentId);
    assertThat(queue.get(0).get("openFlags").get(0).get("reason").asText())
        .isEqualTo("Uses a competitor's song");

    String url =
        http.get("/content/" + contentId + "/download-url", brand.accessToken())
            .json()
            .get("url")
            .asText();
    var removed =
        http.post(
            "/admin/content/" + contentId + "/remove",
            admin.accessToken(),
            Map.of("note", "copyright"));
    assertThat(removed.status()).as(removed.body()).isEqualTo(200);
    assertThat(removed.json().get("content").get("moderation").asText()).isEqualTo("REMOVED");
    assertThat(http.get("/content/" + contentId, brand.accessToken()).status()).isEqualTo(404);
    assertThat(http.get("/content/" + contentId, influencer.accessToken()).status()).isEqualTo(404);
    assertThat(Multipart.get(api, url).status()).isEqualTo(404);
    assertThat(http.get("/admin/content/flagged", admin.accessToken()).json().get("items"))
        .isEmpty();

    var restored = http.post("/admin/content/" + contentId + "/restore", admin.accessToken(), null);
    assertThat(restored.status()).as(restored.body()).isEqualTo(200);
    assertThat(restored.json().get("content").get("moderation").asText()).isEqualTo("VISIBLE");
    assertThat(restored.json().get("flags").get(0).get("resolution").asText()).isEqualTo("REMOVED");
    assertThat(http.get("/content/" + contentId, brand.accessToken()).status()).isEqualTo(200);

    var actions =
        TestDatabase.get()
            .dsl()
            .select(AUDIT_LOG.ACTION)
            .from(AUDIT_LOG)
            .where(AUDIT_LOG.TARGET_ID.eq(contentId))
            .fetch(AUDIT_LOG.ACTION);
    assertThat(actions).containsExactlyInAnyOrder("content.removed", "content.restored");
  }

  @Test
  void the_brand_lists_all_content_and_each_influencer_only_their_own() {
    var second = api.register("INFLUENCER");
    Campaigns.now().participant(campaignId, second.id(), "ACCEPTED");
    var response =
        Multipart.upload(
            api,
            "/campaigns/" + campaignId + "/content",
            second.accessToken(),
            Media.mp4(),
            "v.mp4",
            "video/mp4",
            null);
    assertThat(response.status()).isEqualTo(201);

    assertThat(
            http.get("/campaigns/" + campaignId + "/content", brand.accessToken())
                .json()
                .get("items"))
        .hasSize(2);
    var own =
        http.get("/campaigns/" + campaignId + "/content", influencer.accessToken())
            .json()
            .get("items");
    assertThat(own).hasSize(1);
    assertThat(own.get(0).get("id").asText()).isEqualTo(contentId);
  }

  private Multipart.Response upload(String path, byte[] bytes) {
    return Multipart.upload(
        api, path, influencer.accessToken(), bytes, "photo.png", "image/png", "caption");
  }
}
