package io.influmeter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ApiConfigTest {
  private static final String CONTENT_KEY = "content url key of at least thirty-two bytes";
  private static final String KEY = "a signing key that is long enough for HS256";
  private static final String STORE_KEY = "c3RvcmUgc2VjcmV0IGtleSBvZiAzMiBieXRlcyEhISE=";

  @Test
  void an_empty_environment_fails_naming_every_missing_key_at_once() {
    assertThatThrownBy(() -> ApiConfig.fromEnvironment(Map.of()))
        .isInstanceOf(ApiConfig.ConfigException.class)
        .hasMessageContaining("DATABASE_URL")
        .hasMessageContaining("JWT_SECRET")
        .hasMessageContaining("STORE_SECRET_KEY");
  }

  @Test
  void bad_values_are_all_reported_together() {
    var env =
        Map.of(
            "DATABASE_URL", "mysql://nope",
            "JWT_SECRET", "short",
            "API_PORT", "http",
            "ACCESS_TOKEN_TTL", "15 minutes",
            "CORS_ALLOWED_ORIGINS", "https://ok.example, *",
            "BOOTSTRAP_ADMIN_EMAIL", "admin@example.test",
            "STORE_SECRET_KEY", "c2hvcnQ=",
            "INGEST_PUBLIC_URL", "ftp://in.example");

    assertThatThrownBy(() -> ApiConfig.fromEnvironment(env))
        .hasMessageContaining("DATABASE_URL")
        .hasMessageContaining("JWT_SECRET")
        .hasMessageContaining("API_PORT")
        .hasMessageContaining("ACCESS_TOKEN_TTL")
        .hasMessageContaining("CORS_ALLOWED_ORIGINS")
        .hasMessageContaining("BOOTSTRAP_ADMIN_PASSWORD")
        .hasMessageContaining("STORE_SECRET_KEY: must be base64 of exactly 32 bytes")
        .hasMessageContaining("INGEST_PUBLIC_URL")
        .hasMessageNotContaining("c2hvcnQ=");
  }

  @Test
  void a_complete_environment_parses_and_google_sign_in_is_on_when_a_client_id_is_set() {
    var config =
        ApiConfig.fromEnvironment(
            Map.of(
                "DATABASE_URL", "jdbc:postgresql://db:5432/influmeter",
                "JWT_SECRET", KEY,
                "JWT_PREVIOUS_SECRETS", "an older signing key that is also long enough",
                "GOOGLE_CLIENT_ID", "web.apps.googleusercontent.com",
                "API_PORT", "9000",
                "STORE_SECRET_KEY", STORE_KEY,
                "INGEST_PUBLIC_URL", "https://in.influmeter.example/",
                "CONTENT_URL_KEY", CONTENT_KEY));

    assertThat(config.port()).isEqualTo(9000);
    assertThat(config.jwtSigningKeys()).hasSize(2);
    assertThat(config.google()).isPresent();
    assertThat(config.google().get().certsUrl().toString()).isEqualTo(ApiConfig.GOOGLE_CERTS_URL);
    assertThat(config.accessTokenTtl()).hasMinutes(15);
    assertThat(config.integrations().ingestPublicUrl()).isEqualTo("https://in.influmeter.example");
    assertThat(config.integrations().storeSecretKey()).hasSize(32);
    assertThat(config.integrations().schemaRegistryUrl()).isNull();
  }

  @Test
  void content_needs_a_url_key_and_takes_its_caps_and_s3_bucket_from_the_environment() {
    assertThatThrownBy(
            () ->
                ApiConfig.fromEnvironment(
                    Map.of("DATABASE_URL", "jdbc:postgresql://db/influmeter", "JWT_SECRET", KEY)))
        .hasMessageContaining("CONTENT_URL_KEY");
    var config =
        ApiConfig.fromEnvironment(
            Map.of(
                "DATABASE_URL", "jdbc:postgresql://db/influmeter",
                "JWT_SECRET", KEY,
                "STORE_SECRET_KEY", STORE_KEY,
                "CONTENT_URL_KEY", CONTENT_KEY,
                "CONTENT_STORAGE_DIR", "/srv/content",
                "CONTENT_MAX_IMAGE_BYTES", "5000000",
                "CONTENT_S3_BUCKET", "media",
                "CONTENT_S3_ENDPOINT", "http://minio:9000",
                "CONTENT_S3_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "CONTENT_S3_SECRET_ACCESS_KEY", "s3 secret"));

    assertThat(config.content().maxImageBytes()).isEqualTo(5_000_000);
    assertThat(config.content().maxVideoBytes()).isEqualTo(200L * 1024 * 1024);
    assertThat(config.content().storageDir().toString()).isEqualTo("/srv/content");
    assertThat(config.content().s3().get().endpoint().toString()).isEqualTo("http://minio:9000");
  }

  @Test
  void secrets_never_appear_in_the_text_form() {
    var config =
        ApiConfig.fromEnvironment(
            Map.of(
                "DATABASE_URL", "jdbc:postgresql://db/influmeter?user=api&password=hunter2hunter2",
                "JWT_SECRET", KEY,
                "BOOTSTRAP_ADMIN_EMAIL", "admin@example.test",
                "BOOTSTRAP_ADMIN_PASSWORD", "bootstrap password 123",
                "STORE_SECRET_KEY", STORE_KEY,
                "CONTENT_URL_KEY", CONTENT_KEY,
                "CONTENT_S3_BUCKET", "media",
                "CONTENT_S3_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "CONTENT_S3_SECRET_ACCESS_KEY", "s3 secret that must stay hidden"));

    assertThat(config.toString())
        .doesNotContain(KEY)
        .doesNotContain(CONTENT_KEY)
        .doesNotContain("s3 secret")
        .doesNotContain("hunter2")
        .doesNotContain("bootstrap password")
        .doesNotContain(STORE_KEY)
        .contains("storeSecretKey=<redacted>");
    assertThat(config.bootstrapAdmin().get().toString()).doesNotContain("bootstrap password");
  }
}
