package io.influmeter.api.audit;

import static io.influmeter.api.db.Tables.AUDIT_LOG;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.db.tables.records.AuditLogRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.impl.DSL;

/**
 * The audit log. Writes happen in the transaction of the change they describe, so a change and its
 * entry commit or roll back together.
 */
public final class AuditLog {
  private final DSLContext dsl;
  private final ObjectMapper json;

  public AuditLog(DSLContext dsl, ObjectMapper json) {
    this.dsl = dsl;
    this.json = json;
  }

  /** What an entry is about; before/after are serialised as JSON (null when absent). */
  public record Change(
      UUID actorId,
      String action,
      String targetType,
      String targetId,
      Object before,
      Object after,
      String clientIp) {}

  public void record(Change change, Instant at) {
    dsl.insertInto(AUDIT_LOG)
        .set(AUDIT_LOG.ID, UUID.randomUUID())
        .set(AUDIT_LOG.OCCURRED_AT, at.atOffset(ZoneOffset.UTC))
        .set(AUDIT_LOG.ACTOR_ID, change.actorId())
        .set(AUDIT_LOG.ACTION, change.action())
        .set(AUDIT_LOG.TARGET_TYPE, change.targetType())
        .set(AUDIT_LOG.TARGET_ID, change.targetId())
        .set(AUDIT_LOG.BEFORE_STATE, toJson(change.before()))
        .set(AUDIT_LOG.AFTER_STATE, toJson(change.after()))
        .set(AUDIT_LOG.CLIENT_IP, change.clientIp())
        .execute();
  }

  /** Newest first, optionally only about one target or by one actor. */
  public List<AuditEntry> list(
      String targetType, String targetId, UUID actorId, int limit, int offset) {
    Condition where = DSL.noCondition();
    if (targetType != null) {
      where = where.and(AUDIT_LOG.TARGET_TYPE.eq(targetType));
    }
    if (targetId != null) {
      where = where.and(AUDIT_LOG.TARGET_ID.eq(targetId));
    }
    if (actorId != null) {
      where = where.and(AUDIT_LOG.ACTOR_ID.eq(actorId));
    }
    return dsl.selectFrom(AUDIT_LOG)
        .where(where)
        .orderBy(AUDIT_LOG.OCCURRED_AT.desc(), AUDIT_LOG.ID.desc())
        .limit(limit)
        .offset(offset)
        .fetch(this::toEntry);
  }

  private JSON toJson(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return JSON.json(json.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise an audit state", e);
    }
  }

  private JsonNode fromJson(JSON value) {
    if (value == null) {
      return null;
    }
    try {
      return json.readTree(value.data());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable audit state", e);
    }
  }

  private AuditEntry toEntry(AuditLogRecord r) {
    return new AuditEntry(
        r.getId(),
        r.getOccurredAt().toInstant(),
        r.getActorId(),
        r.getAction(),
        r.getTargetType(),
        r.getTargetId(),
        fromJson(r.getBeforeState()),
        fromJson(r.getAfterState()),
        r.getClientIp());
  }
}
