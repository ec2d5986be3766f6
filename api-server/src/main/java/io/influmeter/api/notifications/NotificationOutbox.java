package io.influmeter.api.notifications;

import static io.influmeter.api.db.Tables.NOTIFICATIONS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSON;

/**
 * Queues an e-mail in the {@code notifications} table. Call it with the DSLContext of the
 * transaction that makes the change being announced: the change and its e-mail commit or roll back
 * together, and the worker sends only what committed (at least once, with retries).
 *
 * <p>Facts are the template's values (campaign name, reason, ...), never secrets; the recipient's
 * address is read when sending, so a changed e-mail address is honoured.
 */
public final class NotificationOutbox {
  private final Clock clock;
  private final ObjectMapper json;

  public NotificationOutbox(Clock clock, ObjectMapper json) {
    this.clock = clock;
    this.json = json;
  }

  /** Queues one e-mail to {@code recipientId}; returns its id. */
  public UUID enqueue(
      DSLContext transaction, UUID recipientId, NotificationKind kind, Map<String, String> facts) {
    UUID id = UUID.randomUUID();
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    transaction
        .insertInto(NOTIFICATIONS)
        .set(NOTIFICATIONS.ID, id)
        .set(NOTIFICATIONS.RECIPIENT_ID, recipientId)
        .set(NOTIFICATIONS.KIND, kind.name())
        .set(NOTIFICATIONS.FACTS, JSON.valueOf(toJson(facts)))
        .set(NOTIFICATIONS.STATUS, "PENDING")
        .set(NOTIFICATIONS.ATTEMPTS, 0)
        .set(NOTIFICATIONS.NEXT_ATTEMPT_AT, now)
        .set(NOTIFICATIONS.CREATED_AT, now)
        .execute();
    return id;
  }

  private String toJson(Map<String, String> facts) {
    try {
      return json.writeValueAsString(facts);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("notification facts are not serialisable", e);
    }
  }
}
