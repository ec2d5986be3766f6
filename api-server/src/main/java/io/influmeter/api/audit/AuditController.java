package io.influmeter.api.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.http.Requests;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/** GET /admin/audit-log: newest first, filterable by target and actor, paged. */
public final class AuditController {
  private final DSLContext dsl;
  private final ObjectMapper json;

  public AuditController(DSLContext dsl, ObjectMapper json) {
    this.dsl = dsl;
    this.json = json;
  }

  /** A page of entries; {@code nextOffset} is absent on the last page. */
  public record Page(List<AuditEntry> entries, Integer nextOffset) {}

  public void list(Context ctx) {
    int limit = Requests.intQueryParam(ctx, "limit", 50, 1, 200);
    int offset = Requests.intQueryParam(ctx, "offset", 0, 0, 1_000_000);
    UUID actor = null;
    String actorParam = ctx.queryParam("actorId");
    if (actorParam != null) {
      try {
        actor = UUID.fromString(actorParam);
      } catch (IllegalArgumentException e) {
        throw ApiException.validation(
            List.of(new ApiException.FieldError("actorId", "must be a UUID")));
      }
    }
    List<AuditEntry> entries =
        new AuditLog(dsl, json)
            .list(
                ctx.queryParam("targetType"), ctx.queryParam("targetId"), actor, limit + 1, offset);
    boolean more = entries.size() > limit;
    ctx.json(new Page(more ? entries.subList(0, limit) : entries, more ? offset + limit : null));
  }
}
