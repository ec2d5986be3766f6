package io.influmeter.api.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.ApiConfig;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.Campaigns;
import io.influmeter.api.support.Media;
import io.influmeter.api.support.Multipart;
import io.influmeter.api.support.TestApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Uploads: type by magic bytes, size and dimension caps, storage names, who may upload. */
class ContentUploadTest extends ApiTest {
  private ContentConfig content;
  private TestApi.Account brand;
  private TestApi.Account influencer;
  private UUID campaignId;

  @Override
  protected ApiConfig configure(ApiConfig config) {
    content = config.content();
    return config;
  }

  @BeforeEach
  void campaignWithAnAcceptedInfluencer() {
    brand = api.register("BRAND");
    influencer = api.register("INFLUENCER");
    var fixture = Campaigns.now();
    campaignId = fixture.of(brand.id()).insert();
    fixture.participant(campaignId, influencer.id(), "ACCEPTED");
  }

  static Stream<Arguments> acceptedFiles() {
    return Stream.of(
        Arguments.of("photo.jpg", Media.jpeg(640, 480), "image/jpeg", 640, 480),
        Arguments.of("photo.png", Media.png(800, 600), "image/png", 800, 600),
        Arguments.of("lossy.webp", Media.webpLossy(320, 200), "image/webp", 320, 200),
        Arguments.of("lossless.webp", Media.webpLossless(1000, 3), "image/webp", 1000, 3),
        Arguments.of("extended.webp", Media.webpExtended(4096, 17), "image/webp", 4096, 17),
        Arguments.of("clip.mp4", Media.mp4(), "video/mp4", null, null),
        Arguments.of("clip.mov", Media.mov(), "video/quicktime", null, null));
  }

  @ParameterizedTest(name = "{0} is accepted as {2}")
  @MethodSource("acceptedFiles")
  void every_accepted_type_is_recognised_from_its_bytes_with_its_dimensions(
      String name, byte[] bytes, String type, Integer width, Integer height) {
    var response = upload(bytes, name, "application/octet-stream");

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    var revision = response.json().get("revisions").get(0);
    assertThat(revision.get("mediaType").asText()).isEqualTo(type);
    assertThat(revision.get("sizeBytes").asLong()).isEqualTo(bytes.length);
    if (width != null) {
      assertThat(revision.get("width").asInt()).isEqualTo(width);
      assertThat(revision.get("height").asInt()).isEqualTo(height);
    }
    assertThat(response.json().get("content").get("reviewStatus").asText())
        .isEqualTo("PENDING_REVIEW");
  }

  @Test
  void html_and_svg_named_and_declared_as_png_are_refused_with_415() {
    for (byte[] bytes : List.of(Media.html(), Media.svg())) {
      var response = upload(bytes, "innocent.png", "image/png");

      assertThat(response.status()).isEqualTo(415);
      assertThat(response.header("Content-Type")).startsWith("application/problem+json");
      assertThat(response.json().get("code").asText()).isEqualTo("unsupported-media-type");
    }
    assertThat(storedFiles()).isEmpty();
  }

  @Test
  void a_png_named_like_a_path_or_html_is_stored_under_a_generated_name_inside_the_storage_dir()
      throws IOException {
    for (String name : List.of("../../etc/passwd", "a.html")) {
      var response = upload(Media.png(10, 10), name, "text/html");
      assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    List<Path> files = storedFiles();
    assertThat(files).hasSize(2);
    for (Path file : files) {
      assertThat(file.getParent()).isEqualTo(content.storageDir().toAbsolutePath().normalize());
      assertThat(file.getFileName().toString()).matches("[0-9a-f-]{36}\\.png");
    }
    assertThat(Files.exists(content.storageDir().resolve("../../etc/passwd").normalize()))
        .isFalse();
    var list = api.http().get("/campaigns/" + campaignId + "/content", influencer.accessToken());
    assertThat(list.json().get("items")).hasSize(2);
    var detail =
        api.http()
            .get(
                "/content/" + list.json().get("items").get(0).get("id").asText(),
                influencer.accessToken());
    assertThat(detail.json().get("revisions").get(0).get("originalFilename").asText())
        .isIn("passwd", "a.html");
  }

  @Test
  void an_image_over_the_size_cap_gets_413_and_nothing_is_stored() {
    var response =
        upload(Media.pngOfSize(10, 10, (int) content.maxImageBytes() + 1), "big.png", "image/png");

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.json().get("code").asText()).isEqualTo("payload-too-large");
    assertThat(storedFiles()).isEmpty();
  }

  @Test
  void a_body_over_the_largest_cap_is_refused_with_413_before_it_is_read() {
    byte[] huge = new byte[(int) content.maxUploadRequestBytes() + 1];
    System.arraycopy(Media.mp4(), 0, huge, 0, Media.mp4().length);

    var response = upload(huge, "huge.mp4", "video/mp4");

    assertThat(response.status()).isEqualTo(413);
  }

  @Test
  void an_image_wider_or_taller_than_the_dimension_cap_gets_413() {
    int max = content.maxImageDimension();
    for (byte[] bytes :
        List.of(
            Media.png(max + 1, 10),
            Media.jpeg(10, max + 1),
            Media.webpExtended(max + 1, max + 1))) {
      var response = upload(bytes, "wide", "image/png");

      assertThat(response.status()).as(response.body()).isEqualTo(413);
      assertThat(response.json().get("code").asText()).isEqualTo("image-too-large");
    }
    assertThat(upload(Media.png(max, max), "edge.png", "image/png").status()).isEqualTo(201);
  }

  @Test
  void influencers_who_are_not_accepted_and_unknown_campaigns_get_404_and_brands_403() {
    var invited = api.register("INFLUENCER");
    Campaigns.now().participant(campaignId, invited.id(), "INVITED");
    var stranger = api.register("INFLUENCER");

    for (var account : List.of(invited, stranger)) {
      var response =
          Multipart.upload(
              api,
              "/campaigns/" + campaignId + "/content",
              account.accessToken(),
              Media.png(5, 5),
              "a.png",
              "image/png",
              null);
      assertThat(response.status()).isEqualTo(404);
    }
    assertThat(
            Multipart.upload(
                    api,
                    "/campaigns/" + UUID.randomUUID() + "/content",
                    influencer.accessToken(),
                    Media.png(5, 5),
                    "a.png",
                    "image/png",
                    null)
                .status())
        .isEqualTo(404);
    assertThat(
            Multipart.upload(
                    api,
                    "/campaigns/" + campaignId + "/content",
                    brand.accessToken(),
                    Media.png(5, 5),
                    "a.png",
                    "image/png",
                    null)
                .status())
        .isEqualTo(403);
  }

  @Test
  void a_json_body_instead_of_multipart_is_refused_with_415() {
    var response =
        api.http()
            .post(
                "/campaigns/" + campaignId + "/content",
                influencer.accessToken(),
                java.util.Map.of("file", "x"));

    assertThat(response.status()).isEqualTo(415);
  }

  private Multipart.Response upload(byte[] bytes, String name, String declaredType) {
    return Multipart.upload(
        api,
        "/campaigns/" + campaignId + "/content",
        influencer.accessToken(),
        bytes,
        name,
        declaredType,
        "My caption");
  }

  private List<Path> storedFiles() {
    try (var files = Files.list(content.storageDir())) {
      return files.map(p -> p.toAbsolutePath().normalize()).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
