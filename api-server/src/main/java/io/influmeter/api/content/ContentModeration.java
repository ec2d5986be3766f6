package io.influmeter.api.content;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.audit.AuditLog;
import io.influmeter.api.auth.Principal;
import io.influmeter.api.content.ContentRecords.Flag;
import io.influmeter.api.content.ContentRecords.Item;
import io.influmeter.api.content.ContentRecords.Moderation;
import io.influmeter.api.content.ContentViews.ContentDetail;
import io.influmeter.api.content.ContentViews.FlaggedItem;
import io.influmeter.api.content.ContentViews.FlaggedList;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.http.Validation;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Flags and the admin's review of flagged content. A flag puts the item in the admin's queue
 * (moderation FLAGGED) without hiding it; the admin removes it (hidden from everyone but admins, no
 * longer served) or restores it. Both decisions close the open flags and are audited.
 */
public final class ContentModeration {
  private final DSLContext dsl;
  private final Clock clock;
  private final ObjectMapper json;

  public ContentModeration(DSLContext dsl, Clock clock, ObjectMapper json) {
    this.dsl = dsl;
    this.clock = clock;
    this.json = json;
  }

  /** Any signed-in user who can see the item may flag it. */
  public ContentViews.FlagView flag(
      Principal principal, UUID contentId, ContentRequests.FlagContent request) {
    new Validation()
        .required("reason", request.reason())
        .length("reason", request.reason(), 1, 1000)
        .throwIfInvalid();
    Instant now = clock.instant();
    return dsl.transactionResult(
        tx -> {
          var repo = new ContentRepository(DSL.using(tx));
          ContentService.visibleItem(repo, principal, contentId);
          Item item = repo.findForUpdate(contentId).orElseThrow(ApiException::notFound);
          var flag =
              new Flag(
                  UUID.randomUUID(),
                  item.id(),
                  principal.userId(),
                  request.reason().strip(),
                  now,
                  null,
                  null,
                  null);
          repo.insert(flag);
          if (item.moderation() == Moderation.VISIBLE) {
            repo.update(
                item.with(item.reviewStatus(), Moderation.FLAGGED, item.currentRevision(), now));
          }
          return ContentViews.flag(flag);
        });
  }

  public FlaggedList flagged(int limit, int offset) {
    var repository = new ContentRepository(dsl);
    return new FlaggedList(
        repository.flagged(limit, offset).stream()
            .map(
                item ->
                    new FlaggedItem(
                        ContentService.summary(repository, item),
                        repository.flags(item.id()).stream()
                            .filter(f -> f.resolution() == null)
                            .map(ContentViews::flag)
                            .toList()))
            .toList());
  }

  public ContentDetail remove(
      Principal admin, UUID contentId, ContentRequests.Moderate request, String clientIp) {
    return moderate(admin, contentId, Moderation.REMOVED, "REMOVED", request, clientIp);
  }

  public ContentDetail restore(
      Principal admin, UUID contentId, ContentRequests.Moderate request, String clientIp) {
    return moderate(admin, contentId, Moderation.VISIBLE, "RESTORED", request, clientIp);
  }

  private ContentDetail moderate(
      Principal admin,
      UUID contentId,
      Moderation target,
      String resolution,
      ContentRequests.Moderate request,
      String clientIp) {
    String note = request == null ? null : request.note();
    new Validation().length("note", note, 0, 2000).throwIfInvalid();
    Instant now = clock.instant();
    return dsl.transactionResult(
        tx -> {
          var tdsl = DSL.using(tx);
          var repo = new ContentRepository(tdsl);
          Item item = repo.findForUpdate(contentId).orElseThrow(ApiException::notFound);
          Item updated = item.with(item.reviewStatus(), target, item.currentRevision(), now);
          repo.update(updated);
          int closed = repo.resolveFlags(item.id(), resolution, admin.userId(), now);
          Map<String, Object> after = new LinkedHashMap<>();
          after.put("moderation", target.name());
          after.put("flagsClosed", closed);
          if (note != null) {
            after.put("note", note);
          }
          new AuditLog(tdsl, json)
              .record(
                  new AuditLog.Change(
                      admin.userId(),
                      target == Moderation.REMOVED ? "content.removed" : "content.restored",
                      "content",
                      item.id().toString(),
                      Map.of("moderation", item.moderation().name()),
                      after,
                      clientIp),
                  now);
          return ContentService.detail(repo, updated, true);
        });
  }
}
