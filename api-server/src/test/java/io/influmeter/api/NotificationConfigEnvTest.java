package io.influmeter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influmeter.api.notifications.NotificationConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NotificationConfigEnvTest {
  private static Map<String, String> env(String... pairs) {
    var env = new HashMap<String, String>();
    env.put("DATABASE_URL", "jdbc:postgresql://db:5432/influmeter");
    env.put("JWT_SECRET", "a signing key that is long enough for HS256");
    // The other required settings, so only the notification settings vary.
    env.put("STORE_SECRET_KEY", "c3RvcmUgc2VjcmV0IGtleSBvZiAzMiBieXRlcyEhISE=");
    env.put("CONTENT_URL_KEY", "content url key of at least thirty-two bytes");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void without_smtp_settings_the_worker_runs_with_the_defaults_and_logs_emails() {
    var notifications = ApiConfig.fromEnvironment(env()).notifications();

    assertThat(notifications.workerEnabled()).isTrue();
    assertThat(notifications.smtp()).isEmpty();
    assertThat(notifications.endingSoonDays()).isEqualTo(3);
    assertThat(notifications.maxAttempts()).isEqualTo(NotificationConfig.DEFAULT_MAX_ATTEMPTS);
    assertThat(notifications.retryBase()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void a_complete_smtp_and_worker_environment_parses() {
    var notifications =
        ApiConfig.fromEnvironment(
                env(
                    "SMTP_HOST", "smtp.example.test",
                    "SMTP_PORT", "2525",
                    "SMTP_USERNAME", "mailer",
                    "SMTP_PASSWORD", "smtp-password-123",
                    "SMTP_FROM", "InfluMeter <no-reply@example.test>",
                    "SMTP_CONNECT_TIMEOUT", "PT3S",
                    "SMTP_TIMEOUT", "PT20S",
                    "NOTIFY_WORKER_ENABLED", "false",
                    "NOTIFY_POLL_INTERVAL", "PT1S",
                    "NOTIFY_BATCH_SIZE", "50",
                    "NOTIFY_MAX_ATTEMPTS", "5",
                    "NOTIFY_RETRY_BASE", "PT1M",
                    "NOTIFY_RETRY_MAX", "PT2H",
                    "NOTIFY_ENDING_SOON_DAYS", "7",
                    "NOTIFY_SWEEP_INTERVAL", "PT5M"))
            .notifications();

    var smtp = notifications.smtp().orElseThrow();
    assertThat(smtp.host()).isEqualTo("smtp.example.test");
    assertThat(smtp.port()).isEqualTo(2525);
    assertThat(smtp.username()).contains("mailer");
    assertThat(smtp.password()).contains("smtp-password-123");
    assertThat(smtp.from()).isEqualTo("InfluMeter <no-reply@example.test>");
    assertThat(smtp.startTls()).isTrue();
    assertThat(smtp.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(smtp.timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(notifications.workerEnabled()).isFalse();
    assertThat(notifications.pollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(notifications.batchSize()).isEqualTo(50);
    assertThat(notifications.maxAttempts()).isEqualTo(5);
    assertThat(notifications.retryPolicy().delayAfter(2, 0)).isEqualTo(Duration.ofMinutes(4));
    assertThat(notifications.retryMax()).isEqualTo(Duration.ofHours(2));
    assertThat(notifications.endingSoonDays()).isEqualTo(7);
    assertThat(notifications.sweepInterval()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void every_bad_notification_value_is_reported_at_once() {
    assertThatThrownBy(
            () ->
                ApiConfig.fromEnvironment(
                    env(
                        "SMTP_HOST", "smtp.example.test",
                        "SMTP_PORT", "seventy",
                        "SMTP_USERNAME", "mailer",
                        "SMTP_FROM", "not an address",
                        "SMTP_STARTTLS", "maybe",
                        "SMTP_TIMEOUT", "30 seconds",
                        "NOTIFY_MAX_ATTEMPTS", "0",
                        "NOTIFY_ENDING_SOON_DAYS", "-1",
                        "NOTIFY_RETRY_BASE", "PT1H",
                        "NOTIFY_RETRY_MAX", "PT1M")))
        .isInstanceOf(ApiConfig.ConfigException.class)
        .hasMessageContaining("SMTP_PORT")
        .hasMessageContaining("SMTP_USERNAME")
        .hasMessageContaining("SMTP_FROM")
        .hasMessageContaining("SMTP_STARTTLS")
        .hasMessageContaining("SMTP_TIMEOUT")
        .hasMessageContaining("NOTIFY_MAX_ATTEMPTS")
        .hasMessageContaining("NOTIFY_ENDING_SOON_DAYS")
        .hasMessageContaining("NOTIFY_RETRY_MAX");
  }

  @Test
  void smtp_settings_without_a_host_a_from_address_or_with_a_clear_text_password_are_refused() {
    assertThatThrownBy(() -> ApiConfig.fromEnvironment(env("SMTP_FROM", "a@example.test")))
        .hasMessageContaining("SMTP_HOST: required");
    assertThatThrownBy(() -> ApiConfig.fromEnvironment(env("SMTP_HOST", "smtp.example.test")))
        .hasMessageContaining("SMTP_FROM: required");
    assertThatThrownBy(
            () ->
                ApiConfig.fromEnvironment(
                    env(
                        "SMTP_HOST", "smtp.example.test",
                        "SMTP_FROM", "a@example.test",
                        "SMTP_USERNAME", "mailer",
                        "SMTP_PASSWORD", "smtp-password-123",
                        "SMTP_STARTTLS", "false")))
        .hasMessageContaining("SMTP_STARTTLS: must be true when SMTP_PASSWORD is set");
  }

  @Test
  void the_smtp_password_never_appears_in_the_text_form() {
    var config =
        ApiConfig.fromEnvironment(
            env(
                "SMTP_HOST", "smtp.example.test",
                "SMTP_FROM", "a@example.test",
                "SMTP_USERNAME", "mailer",
                "SMTP_PASSWORD", "smtp-password-123"));

    assertThat(config.toString())
        .contains("smtp.example.test")
        .contains("password=<redacted>")
        .doesNotContain("smtp-password-123");
    assertThat(config.notifications().toString()).doesNotContain("smtp-password-123");
  }
}
