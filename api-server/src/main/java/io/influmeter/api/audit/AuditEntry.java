package io.influmeter.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One audited change: who did what to which object, when, and the object before and after. */
public record AuditEntry(
    UUID id,
    Instant occurredAt,
    UUID actorId,
    String action,
    String targetType,
    String targetId,
    JsonNode before,
    JsonNode after,
    String clientIp) {}
