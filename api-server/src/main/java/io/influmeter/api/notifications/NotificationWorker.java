package io.influmeter.api.notifications;

import static io.influmeter.api.db.Tables.NOTIFICATIONS;
import static io.influmeter.api.db.Tables.USERS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the due e-mails of the {@code notifications} outbox, at least once each.
 *
 * <p>Claiming is one short transaction: {@code SELECT ... FOR UPDATE SKIP LOCKED} picks due PENDING
 * rows no other instance is claiming right now, and the same transaction counts the attempt and
 * moves {@code next_attempt_at} a lease ahead, so once it commits no other instance sees the rows
 * as due. Sending happens outside any transaction (SMTP can take seconds; no row lock or connection
 * is held meanwhile). Success marks the row SENT; a failure schedules the next attempt with
 * backoff, or marks it FAILED after the last one. A crash between claim and mark leaves the row
 * PENDING: it is tried again when the lease runs out (at-least-once).
 */
public final class NotificationWorker {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationWorker.class);

  /** Longer than any SMTP conversation (connect plus a few reads and writes at their timeouts). */
  static final Duration CLAIM_LEASE = Duration.ofMinutes(10);

  private static final int ERROR_LIMIT = 500;
  private static final TypeReference<Map<String, Object>> FACTS = new TypeReference<>() {};

  private final DSLContext dsl;
  private final Clock clock;
  private final MailSender sender;
  private final NotificationTemplates templates;
  private final RetryPolicy retry;
  private final int batchSize;
  private final int maxAttempts;
  private final DoubleSupplier jitter;
  private final ObjectMapper json;
  private final MeterRegistry metrics;

  public NotificationWorker(
      DSLContext dsl,
      Clock clock,
      MailSender sender,
      NotificationConfig config,
      DoubleSupplier jitter,
      ObjectMapper json,
      MeterRegistry metrics) {
    this.dsl = dsl;
    this.clock = clock;
    this.sender = sender;
    this.templates = new NotificationTemplates();
    this.retry = config.retryPolicy();
    this.batchSize = config.batchSize();
    this.maxAttempts = config.maxAttempts();
    this.jitter = jitter;
    this.json = json;
    this.metrics = metrics;
  }

  /** A claimed row: what to send and to whom. */
  private record Claimed(
      UUID id, String kind, String facts, int attempts, String email, boolean suspended) {}

  /** Sends until nothing is due any more; returns how many e-mails were attempted. */
  public int drain() {
    int total = 0;
    while (true) {
      int attempted = runOnce();
      total += attempted;
      if (attempted < batchSize) {
        return total;
      }
    }
  }

  /** Claims at most one batch of due e-mails and tries each once; returns the number claimed. */
  public int runOnce() {
    List<Claimed> claimed = claim();
    for (Claimed row : claimed) {
      deliver(row);
    }
    return claimed.size();
  }

  private List<Claimed> claim() {
    return dsl.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          OffsetDateTime now = now();
          List<Claimed> rows =
              tx.select(
                      NOTIFICATIONS.ID,
                      NOTIFICATIONS.KIND,
                      NOTIFICATIONS.FACTS,
                      NOTIFICATIONS.ATTEMPTS,
                      USERS.EMAIL,
                      USERS.STATUS)
                  .from(NOTIFICATIONS)
                  .join(USERS)
                  .on(USERS.ID.eq(NOTIFICATIONS.RECIPIENT_ID))
                  .where(NOTIFICATIONS.STATUS.eq("PENDING"))
                  .and(NOTIFICATIONS.NEXT_ATTEMPT_AT.le(now))
                  .orderBy(NOTIFICATIONS.NEXT_ATTEMPT_AT)
                  .limit(batchSize)
                  .forUpdate()
                  .of(NOTIFICATIONS)
                  .skipLocked()
                  .fetch(
                      r ->
                          new Claimed(
                              r.get(NOTIFICATIONS.ID),
                              r.get(NOTIFICATIONS.KIND),
                              r.get(NOTIFICATIONS.FACTS).data(),
                              r.get(NOTIFICATIONS.ATTEMPTS) + 1,
                              r.get(USERS.EMAIL),
                              "SUSPENDED".equals(r.get(USERS.STATUS))));
          if (!rows.isEmpty()) {
            tx.update(NOTIFICATIONS)
                .set(NOTIFICATIONS.ATTEMPTS, NOTIFICATIONS.ATTEMPTS.plus(1))
                .set(NOTIFICATIONS.NEXT_ATTEMPT_AT, now.plus(CLAIM_LEASE))
                .where(NOTIFICATIONS.ID.in(rows.stream().map(Claimed::id).toList()))
                .execute();
          }
          return rows;
        });
  }

  private void deliver(Claimed row) {
    // A suspended account gets no mail: the e-mail is closed as FAILED with the reason (kept for
    // the audit trail, never retried; a reinstated user is not sent stale news).
    if (row.suspended()) {
      fail(row, "recipient account is suspended", true);
      return;
    }
    NotificationKind kind;
    try {
      kind = NotificationKind.valueOf(row.kind());
    } catch (IllegalArgumentException e) {
      fail(row, "no template for kind " + row.kind(), true);
      return;
    }
    var rendered = templates.render(kind, facts(row));
    var email =
        new Email(
            row.id(), row.email(), kind, rendered.subject(), rendered.text(), rendered.html());
    try {
      sender.send(email);
    } catch (MailSender.MailDeliveryException e) {
      fail(row, e.getMessage(), e.permanent());
      return;
    } catch (RuntimeException e) {
      fail(row, e.toString(), false);
      return;
    }
    dsl.update(NOTIFICATIONS)
        .set(NOTIFICATIONS.STATUS, "SENT")
        .set(NOTIFICATIONS.SENT_AT, now())
        .set(NOTIFICATIONS.LAST_ERROR, (String) null)
        .where(NOTIFICATIONS.ID.eq(row.id()))
        .and(NOTIFICATIONS.STATUS.eq("PENDING"))
        .execute();
    count("sent", row);
  }

  /**
   * {@code notifications_total{outcome=sent|retry|failed, kind}}: a rising failed or retry rate is
   * what an operator alerts on (SMTP down, credentials expired).
   */
  private void count(String outcome, Claimed row) {
    metrics.counter("notifications", "outcome", outcome, "kind", row.kind()).increment();
  }

  private void fail(Claimed row, String error, boolean permanent) {
    String lastError = sanitize(error);
    boolean givingUp = permanent || row.attempts() >= maxAttempts;
    var update =
        dsl.update(NOTIFICATIONS)
            .set(NOTIFICATIONS.LAST_ERROR, lastError)
            .set(NOTIFICATIONS.STATUS, givingUp ? "FAILED" : "PENDING");
    if (!givingUp) {
      Duration wait = retry.delayAfter(row.attempts(), jitter.getAsDouble());
      update = update.set(NOTIFICATIONS.NEXT_ATTEMPT_AT, now().plus(wait));
    }
    update.where(NOTIFICATIONS.ID.eq(row.id())).and(NOTIFICATIONS.STATUS.eq("PENDING")).execute();
    count(givingUp ? "failed" : "retry", row);
    if (givingUp) {
      LOG.warn(
          "e-mail {} ({}) FAILED after {} attempt(s): {}",
          row.id(),
          row.kind(),
          row.attempts(),
          lastError);
    } else {
      LOG.info(
          "e-mail {} ({}) attempt {} failed, will retry: {}",
          row.id(),
          row.kind(),
          row.attempts(),
          lastError);
    }
  }

  /** One line, bounded; the senders' messages name the failure, never credentials. */
  private static String sanitize(String error) {
    String line = error == null ? "unknown error" : error.replaceAll("\\s+", " ").strip();
    return line.length() <= ERROR_LIMIT ? line : line.substring(0, ERROR_LIMIT);
  }

  private Map<String, String> facts(Claimed row) {
    try {
      Map<String, Object> raw = json.readValue(row.facts(), FACTS);
      var facts = new HashMap<String, String>();
      raw.forEach((key, value) -> facts.put(key, value == null ? null : String.valueOf(value)));
      return facts;
    } catch (JsonProcessingException e) {
      // Facts are written by NotificationOutbox as a JSON object; anything else renders with
      // placeholders rather than blocking the e-mail.
      LOG.warn("e-mail {} has unreadable facts; sending with placeholders", row.id());
      return Map.of();
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
