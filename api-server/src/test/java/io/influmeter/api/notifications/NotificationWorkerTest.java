package io.influmeter.api.notifications;

import static io.influmeter.api.db.Tables.NOTIFICATIONS;
import static io.influmeter.api.db.Tables.USERS;
import static io.influmeter.api.notifications.NotificationFixtures.row;
import static io.influmeter.api.notifications.NotificationFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.http.Json;
import io.influmeter.api.support.Mailbox;
import io.influmeter.api.support.MutableClock;
import io.influmeter.api.support.TestDatabase;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedServices.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NotificationWorkerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private DSLContext dsl;
  private NotificationOutbox outbox;

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.get().reset();
    dsl = TestDatabase.get().dsl();
    outbox = new NotificationOutbox(clock, Json.mapper());
  }

  private NotificationWorker worker(SmtpConfig smtp, NotificationConfig config) {
    return new NotificationWorker(
        dsl, clock, new SmtpMailSender(smtp), config, () -> 0.0, Json.mapper(), metrics);
  }

  private NotificationWorker worker(SmtpConfig smtp) {
    return worker(smtp, NotificationConfig.defaults());
  }

  private UUID enqueue(UUID recipient, NotificationKind kind, Map<String, String> facts) {
    return dsl.transactionResult(tx -> outbox.enqueue(tx.dsl(), recipient, kind, facts));
  }

  private UUID enqueueApproval(UUID recipient) {
    return enqueue(
        recipient,
        NotificationKind.CAMPAIGN_APPROVED,
        Map.of("campaignId", "c-1", "campaignName", "Summer <Glow>"));
  }

  private Instant at(Duration fromNow) {
    return clock.instant().plus(fromNow);
  }

  private double counted(String outcome) {
    return metrics
        .counter("notifications", "outcome", outcome, "kind", "CAMPAIGN_APPROVED")
        .count();
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void a_queued_email_arrives_at_the_recipients_current_address_and_is_marked_sent() {
    try (var mailbox = Mailbox.start()) {
      UUID brand = user(dsl, "BRAND", "brand-old@example.test", clock.instant());
      UUID id = enqueueApproval(brand);
      // The address is read when sending: a changed address is honoured.
      dsl.update(USERS)
          .set(USERS.EMAIL, "brand-new@example.test")
          .where(USERS.ID.eq(brand))
          .execute();

      assertThat(worker(mailbox.smtp()).runOnce()).isEqualTo(1);

      var received = mailbox.awaitMessages("brand-new@example.test", 1, WAIT).get(0);
      assertThat(received.subject()).isEqualTo("Your campaign \"Summer <Glow>\" is approved");
      assertThat(received.from()).isEqualTo(Mailbox.FROM);
      assertThat(received.text()).contains("your campaign \"Summer <Glow>\" was approved");
      assertThat(received.html()).contains("Summer &lt;Glow&gt;").doesNotContain("<Glow>");
      assertThat(received.notificationId()).isEqualTo(id.toString());
      assertThat(mailbox.messagesTo("brand-old@example.test")).isEmpty();
      var row = row(dsl, id);
      assertThat(row.getStatus()).isEqualTo("SENT");
      assertThat(row.getAttempts()).isEqualTo(1);
      assertThat(row.getSentAt().toInstant()).isEqualTo(clock.instant());
      assertThat(row.getLastError()).isNull();
      assertThat(worker(mailbox.smtp()).runOnce()).isZero();
      assertThat(mailbox.all()).hasSize(1);
      assertThat(counted("sent")).isEqualTo(1);
    }
  }

  @Test
  void a_suspended_recipient_gets_no_email_and_the_row_is_closed_with_the_reason() {
    try (var mailbox = Mailbox.start()) {
      UUID brand = user(dsl, "BRAND", "suspended@example.test", clock.instant());
      UUID id = enqueueApproval(brand);
      dsl.update(USERS).set(USERS.STATUS, "SUSPENDED").where(USERS.ID.eq(brand)).execute();

      assertThat(worker(mailbox.smtp()).runOnce()).isEqualTo(1);

      assertThat(mailbox.all()).isEmpty();
      var row = row(dsl, id);
      assertThat(row.getStatus()).isEqualTo("FAILED");
      assertThat(row.getLastError()).isEqualTo("recipient account is suspended");
      assertThat(worker(mailbox.smtp()).runOnce()).as("never retried").isZero();
      assertThat(counted("failed")).isEqualTo(1);
    }
  }

  @Test
  void a_server_that_is_down_is_retried_after_30_seconds_then_2_minutes_until_it_comes_up()
      throws IOException {
    int port = freePort();
    UUID brand = user(dsl, "BRAND", "brand@example.test", clock.instant());
    UUID id = enqueueApproval(brand);
    var worker = worker(Mailbox.smtp(port));

    assertThat(worker.runOnce()).isEqualTo(1);
    var first = row(dsl, id);
    assertThat(first.getStatus()).isEqualTo("PENDING");
    assertThat(first.getAttempts()).isEqualTo(1);
    assertThat(first.getLastError()).containsIgnoringCase("connect");
    assertThat(first.getNextAttemptAt().toInstant()).isEqualTo(at(Duration.ofSeconds(30)));

    clock.advance(Duration.ofSeconds(29));
    assertThat(worker.runOnce()).as("not due before its backoff").isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(worker.runOnce()).isEqualTo(1);
    var second = row(dsl, id);
    assertThat(second.getAttempts()).isEqualTo(2);
    assertThat(second.getNextAttemptAt().toInstant()).isEqualTo(at(Duration.ofMinutes(2)));

    try (var mailbox = Mailbox.startOnPort(port)) {
      clock.advance(Duration.ofSeconds(119));
      assertThat(worker.runOnce()).isZero();
      clock.advance(Duration.ofSeconds(1));
      assertThat(worker.runOnce()).isEqualTo(1);

      assertThat(mailbox.awaitMessages("brand@example.test", 1, WAIT)).hasSize(1);
      var sent = row(dsl, id);
      assertThat(sent.getStatus()).isEqualTo("SENT");
      assertThat(sent.getAttempts()).isEqualTo(3);
      assertThat(sent.getLastError()).isNull();
    }
  }

  /**
   * An SMTP server that refuses service: it answers every connection with the documented "421
   * Service not available" greeting (RFC 5321 section 3.8) and hangs up.
   */
  private static final class RefusingServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread thread;

    RefusingServer(int port) throws IOException {
      socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
      thread =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (var client = socket.accept()) {
                    client
                        .getOutputStream()
                        .write(
                            "421 4.3.2 mail.example.test Service not available, try later\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    client.getOutputStream().flush();
                  } catch (IOException closed) {
                    // The socket was closed by close(), or the client went away.
                  }
                }
              },
              "refusing-smtp");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void a_server_that_refuses_service_is_retried_and_its_reply_kept_until_it_accepts()
      throws Exception {
    int port = freePort();
    UUID id = enqueueApproval(user(dsl, "BRAND", "brand@example.test", clock.instant()));
    var worker = worker(Mailbox.smtp(port));

    try (var refusing = new RefusingServer(port)) {
      assertThat(worker.runOnce()).isEqualTo(1);
    }
    var refused = row(dsl, id);
    assertThat(refused.getStatus()).isEqualTo("PENDING");
    assertThat(refused.getLastError()).contains("421");
    assertThat(refused.getNextAttemptAt().toInstant()).isEqualTo(at(Duration.ofSeconds(30)));

    try (var mailbox = Mailbox.startOnPort(port)) {
      clock.advance(Duration.ofSeconds(30));
      assertThat(worker.runOnce()).isEqualTo(1);
      assertThat(mailbox.awaitMessages("brand@example.test", 1, WAIT)).hasSize(1);
      assertThat(row(dsl, id).getStatus()).isEqualTo("SENT");
    }
  }

  @Test
  void an_email_is_failed_after_the_configured_attempts_keeping_the_last_error_without_secrets()
      throws IOException {
    var smtp =
        new SmtpConfig(
            "127.0.0.1",
            freePort(),
            Optional.of("mailer"),
            Optional.of("hunter2-smtp-password"),
            Mailbox.FROM,
            false,
            Duration.ofSeconds(5),
            Duration.ofSeconds(10));
    var worker = worker(smtp, NotificationConfig.defaults().withMaxAttempts(3));
    UUID id = enqueueApproval(user(dsl, "BRAND", "brand@example.test", clock.instant()));

    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(worker.runOnce()).as("attempt " + attempt).isEqualTo(1);
      assertThat(row(dsl, id).getAttempts()).isEqualTo(attempt);
      clock.advance(Duration.ofHours(1));
    }

    var failed = row(dsl, id);
    assertThat(failed.getStatus()).isEqualTo("FAILED");
    assertThat(failed.getSentAt()).isNull();
    assertThat(failed.getLastError()).isNotBlank().doesNotContain("hunter2").doesNotContain("\n");
    clock.advance(Duration.ofDays(1));
    assertThat(worker.runOnce()).as("a failed e-mail is never tried again").isZero();
    assertThat(counted("retry")).isEqualTo(2);
    assertThat(counted("failed")).isEqualTo(1);
    assertThat(counted("sent")).isZero();
  }

  @Test
  void with_starttls_required_nothing_is_sent_to_a_server_that_cannot_secure_the_connection() {
    try (var mailbox = Mailbox.start()) {
      var plain = mailbox.smtp();
      var requiringTls =
          new SmtpConfig(
              plain.host(),
              plain.port(),
              Optional.of("mailer"),
              Optional.of("hunter2-smtp-password"),
              plain.from(),
              true,
              plain.connectTimeout(),
              plain.timeout());
      UUID id = enqueueApproval(user(dsl, "BRAND", "brand@example.test", clock.instant()));

      assertThat(worker(requiringTls).runOnce()).isEqualTo(1);

      var row = row(dsl, id);
      assertThat(row.getStatus()).isEqualTo("PENDING");
      assertThat(row.getLastError()).isNotBlank().doesNotContain("hunter2");
      assertThat(mailbox.all()).as("neither the mail nor the password went out in clear").isEmpty();
    }
  }

  @Test
  void a_recipient_address_that_is_not_valid_fails_at_once_without_retries() {
    try (var mailbox = Mailbox.start()) {
      UUID id = enqueueApproval(user(dsl, "BRAND", "not an address", clock.instant()));

      assertThat(worker(mailbox.smtp()).runOnce()).isEqualTo(1);

      var failed = row(dsl, id);
      assertThat(failed.getStatus()).isEqualTo("FAILED");
      assertThat(failed.getAttempts()).isEqualTo(1);
      assertThat(failed.getLastError()).contains("recipient address is not valid");
      assertThat(mailbox.all()).isEmpty();
    }
  }

  @Test
  void an_email_of_an_unknown_kind_is_failed_instead_of_blocking_the_queue() {
    try (var mailbox = Mailbox.start()) {
      UUID brand = user(dsl, "BRAND", "brand@example.test", clock.instant());
      UUID good = enqueueApproval(brand);
      UUID unknown = enqueueApproval(brand);
      dsl.update(NOTIFICATIONS)
          .set(NOTIFICATIONS.KIND, "NO_SUCH_KIND")
          .where(NOTIFICATIONS.ID.eq(unknown))
          .execute();

      assertThat(worker(mailbox.smtp()).runOnce()).isEqualTo(2);

      assertThat(row(dsl, unknown).getStatus()).isEqualTo("FAILED");
      assertThat(row(dsl, unknown).getLastError()).contains("NO_SUCH_KIND");
      assertThat(row(dsl, good).getStatus()).isEqualTo("SENT");
    }
  }

  @Test
  void emails_queued_for_later_wait_until_they_are_due() {
    try (var mailbox = Mailbox.start()) {
      UUID id = enqueueApproval(user(dsl, "BRAND", "brand@example.test", clock.instant()));
      dsl.update(NOTIFICATIONS)
          .set(NOTIFICATIONS.NEXT_ATTEMPT_AT, at(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC))
          .where(NOTIFICATIONS.ID.eq(id))
          .execute();
      var worker = worker(mailbox.smtp());

      assertThat(worker.runOnce()).isZero();
      clock.advance(Duration.ofMinutes(5));
      assertThat(worker.runOnce()).isEqualTo(1);
      assertThat(mailbox.awaitMessages("brand@example.test", 1, WAIT)).hasSize(1);
    }
  }

  @Test
  void two_workers_draining_the_same_database_at_once_send_every_email_exactly_once()
      throws Exception {
    try (var mailbox = Mailbox.start()) {
      List<UUID> recipients = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        recipients.add(user(dsl, "INFLUENCER", "creator-" + i + "@example.test", clock.instant()));
      }
      Set<UUID> ids = new HashSet<>();
      for (int i = 0; i < 60; i++) {
        ids.add(
            enqueue(
                recipients.get(i % 3),
                NotificationKind.INVITATION,
                Map.of("campaignName", "Campaign " + i, "brandName", "Acme")));
      }
      // Small batches: many claims, so the two workers really interleave.
      var config =
          new NotificationConfig(
              true,
              Duration.ofMillis(100),
              4,
              8,
              Duration.ofSeconds(30),
              Duration.ofHours(6),
              3,
              Duration.ofMinutes(15),
              Optional.empty());
      var workers = List.of(worker(mailbox.smtp(), config), worker(mailbox.smtp(), config));
      var start = new CountDownLatch(1);
      var pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<Integer>> counts = new ArrayList<>();
        for (var worker : workers) {
          counts.add(
              pool.submit(
                  () -> {
                    start.await();
                    return worker.drain();
                  }));
        }
        start.countDown();
        int total = 0;
        for (var count : counts) {
          total += count.get();
        }
        assertThat(total).isEqualTo(60);
      } finally {
        pool.shutdownNow();
      }

      var received = mailbox.all();
      assertThat(received).hasSize(60);
      assertThat(received.stream().map(Mailbox.Received::notificationId).distinct())
          .hasSize(60)
          .containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
      assertThat(
              dsl.fetchCount(
                  NOTIFICATIONS, NOTIFICATIONS.STATUS.eq("SENT").and(NOTIFICATIONS.ATTEMPTS.eq(1))))
          .isEqualTo(60);
    }
  }
}
