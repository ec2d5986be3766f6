package io.influmeter.api.notifications;

import static io.influmeter.api.db.Tables.NOTIFICATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.ApiConfig;
import io.influmeter.api.ApiRuntime;
import io.influmeter.api.http.Json;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.Mailbox;
import io.influmeter.api.support.TestDatabase;
import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.embedded.junit.TestNames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The worker as the running server has it: in the test API with a Mailbox, and in ApiRuntime. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NotificationRuntimeTest extends ApiTest {
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
  void a_test_api_configured_with_a_mailbox_delivers_queued_emails_in_the_background() {
    var brand = api.register("BRAND");
    var dsl = TestDatabase.get().dsl();
    var outbox = new NotificationOutbox(clock, Json.mapper());

    dsl.transaction(
        tx ->
            outbox.enqueue(
                tx.dsl(),
                brand.id(),
                NotificationKind.CAMPAIGN_REJECTED,
                Map.of("campaignId", "c-9", "campaignName", "Winter", "reason", "Budget too low")));

    var received = mailbox.awaitMessages(brand.email(), 1, Duration.ofSeconds(30)).get(0);
    assertThat(received.subject()).isEqualTo("Your campaign \"Winter\" was not approved");
    assertThat(received.text()).contains("Budget too low");
  }

  @Test
  void the_local_stack_runtime_sends_to_the_log_by_default_and_marks_the_email_sent(
      EmbeddedPostgresServer postgres) throws InterruptedException {
    String database = TestNames.unique("notify");
    postgres.createDatabase(database);
    byte[] key = "notification runtime key, 32+ bytes long".getBytes(StandardCharsets.UTF_8);
    ApiConfig local = ApiConfig.localStack(postgres.jdbcUrl(database), 0, key, new byte[32]);
    assertThat(local.notifications().workerEnabled()).isTrue();
    assertThat(local.notifications().smtp()).isEmpty();

    try (var runtime = ApiRuntime.start(local);
        var dsl = DSL.using(postgres.jdbcUrl(database))) {
      UUID brand =
          NotificationFixtures.user(
              dsl, "BRAND", "local-brand@example.test", Clock.systemUTC().instant());
      UUID id =
          dsl.transactionResult(
              tx ->
                  new NotificationOutbox(Clock.systemUTC(), Json.mapper())
                      .enqueue(
                          tx.dsl(),
                          brand,
                          NotificationKind.CAMPAIGN_APPROVED,
                          Map.of("campaignName", "Local")));

      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      String status = "PENDING";
      while (!status.equals("SENT") && System.nanoTime() < deadline) {
        Thread.sleep(100);
        status =
            dsl.select(NOTIFICATIONS.STATUS)
                .from(NOTIFICATIONS)
                .where(NOTIFICATIONS.ID.eq(id))
                .fetchSingle()
                .value1();
      }
      assertThat(status).isEqualTo("SENT");
      assertThat(runtime.port()).isPositive();
      assertThat(dsl.dialect()).isEqualTo(SQLDialect.POSTGRES);
    }
  }
}
