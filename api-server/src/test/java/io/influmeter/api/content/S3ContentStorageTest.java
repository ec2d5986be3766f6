package io.influmeter.api.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influmeter.api.ApiConfig;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.Campaigns;
import io.influmeter.api.support.FakeS3;
import io.influmeter.api.support.Media;
import io.influmeter.api.support.Multipart;
import io.influmeter.api.support.TestApi;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Uploads and downloads through the S3 implementation, against a SigV4-verifying fake S3. */
class S3ContentStorageTest extends ApiTest {
  private FakeS3 s3;
  private java.nio.file.Path localDir;

  @Override
  protected ApiConfig configure(ApiConfig config) {
    s3 = new FakeS3(clock);
    var base = config.content();
    localDir = base.storageDir();
    return TestApi.withContent(
        config,
        new ContentConfig(
            base.storageDir(),
            Optional.of(s3Config(FakeS3.SECRET_KEY)),
            base.uploadTempDir(),
            TestApi.CONTENT_URL_KEY,
            base.urlTtl(),
            base.maxImageBytes(),
            base.maxVideoBytes(),
            base.maxImageDimension()));
  }

  @AfterEach
  void stopS3() {
    s3.close();
  }

  @Test
  void an_upload_is_put_into_the_bucket_signed_and_downloaded_through_a_presigned_get() {
    var brand = api.register("BRAND");
    var influencer = api.register("INFLUENCER");
    var fixture = Campaigns.now();
    var campaignId = fixture.of(brand.id()).insert();
    fixture.participant(campaignId, influencer.id(), "ACCEPTED");
    byte[] bytes = Media.webpLossy(640, 360);

    var upload =
        Multipart.upload(
            api,
            "/campaigns/" + campaignId + "/content",
            influencer.accessToken(),
            bytes,
            "clip.webp",
            "image/webp",
            null);
    assertThat(upload.status()).as(upload.body()).isEqualTo(201);

    assertThat(s3.objects()).hasSize(1);
    var stored = s3.objects().entrySet().iterator().next();
    assertThat(stored.getKey()).matches("[0-9a-f-]{36}\\.webp");
    assertThat(stored.getValue().bytes()).isEqualTo(bytes);
    assertThat(stored.getValue().contentType()).isEqualTo("image/webp");
    assertThat(s3.headerSignedRequests()).isEqualTo(1);

    String contentId = upload.json().get("content").get("id").asText();
    String url =
        http.get("/content/" + contentId + "/download-url", brand.accessToken())
            .json()
            .get("url")
            .asText();
    var file = Multipart.get(api, url);

    assertThat(file.status()).isEqualTo(200);
    assertThat(file.raw().body()).isEqualTo(bytes);
    assertThat(s3.presignedRequests()).isEqualTo(1);
    assertThat(s3.rejected()).isZero();
    assertThat(storedLocally()).isFalse();
  }

  @Test
  void the_fake_refuses_a_wrong_secret_and_an_expired_presigned_url() throws IOException {
    var wrong = new S3ContentStorage(s3Config("not the secret"), clock);
    var file = Files.createTempFile("s3-test", ".png");
    Files.write(file, Media.png(2, 2));
    String key = java.util.UUID.randomUUID() + ".png";

    assertThatThrownBy(() -> wrong.put(key, file, MediaType.PNG))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("403");
    assertThat(s3.rejected()).isEqualTo(1);

    var right = new S3ContentStorage(s3Config(FakeS3.SECRET_KEY), clock);
    right.put(key, file, MediaType.PNG);
    var presigned = right.presignedGet(key);
    clock.advance(Duration.ofMinutes(2));
    var client = java.net.http.HttpClient.newHttpClient();
    try {
      var response =
          client.send(
              java.net.http.HttpRequest.newBuilder(presigned).GET().build(),
              java.net.http.HttpResponse.BodyHandlers.discarding());
      assertThat(response.statusCode()).isEqualTo(403);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Files.delete(file);
  }

  private ContentConfig.S3Config s3Config(String secret) {
    return new ContentConfig.S3Config(
        s3.endpoint(), FakeS3.REGION, FakeS3.BUCKET, FakeS3.ACCESS_KEY, secret);
  }

  private boolean storedLocally() {
    if (!Files.exists(localDir)) {
      return false;
    }
    try (var files = Files.list(localDir)) {
      return files.findAny().isPresent();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
