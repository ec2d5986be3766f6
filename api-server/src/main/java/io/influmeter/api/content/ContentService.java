package io.influmeter.api.content;

import io.influmeter.api.auth.Principal;
import io.influmeter.api.auth.Role;
import io.influmeter.api.content.ContentRecords.CampaignRef;
import io.influmeter.api.content.ContentRecords.Decision;
import io.influmeter.api.content.ContentRecords.Item;
import io.influmeter.api.content.ContentRecords.Moderation;
import io.influmeter.api.content.ContentRecords.ReviewStatus;
import io.influmeter.api.content.ContentRecords.Revision;
import io.influmeter.api.content.ContentViews.ContentDetail;
import io.influmeter.api.content.ContentViews.ContentList;
import io.influmeter.api.content.ContentViews.ContentSummary;
import io.influmeter.api.content.ContentViews.DownloadUrl;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.http.Validation;
import io.influmeter.api.notifications.NotificationKind;
import io.influmeter.api.notifications.NotificationOutbox;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Uploads, revisions, review decisions, listing and downloads of campaign content. Who may see an
 * item: its influencer, the campaign's brand and admins; removed items only admins. Everyone else
 * gets the same 404 as for an id that does not exist.
 */
public final class ContentService {
  private final DSLContext dsl;
  private final Clock clock;
  private final ContentStorage storage;
  private final UploadInspector inspector;
  private final DownloadTokens tokens;
  private final NotificationOutbox outbox;

  public ContentService(
      DSLContext dsl,
      Clock clock,
      ContentStorage storage,
      UploadInspector inspector,
      DownloadTokens tokens,
      NotificationOutbox outbox) {
    this.dsl = dsl;
    this.clock = clock;
    this.storage = storage;
    this.inspector = inspector;
    this.tokens = tokens;
    this.outbox = outbox;
  }

  /** A file as it arrives: its stream, the size the request declared, and the client's name. */
  public record Upload(InputStream content, long declaredSize, String filename, String caption) {}

  public ContentDetail upload(Principal influencer, UUID campaignId, Upload upload)
      throws IOException {
    validateCaption(upload.caption());
    var repository = new ContentRepository(dsl);
    CampaignRef campaign = repository.campaign(campaignId).orElseThrow(ApiException::notFound);
    if (!repository.acceptedParticipant(campaign.id(), influencer.userId())) {
      throw ApiException.notFound();
    }
    try (var file = inspector.inspect(upload.content(), upload.declaredSize(), upload.filename())) {
      String key = store(file);
      Instant now = clock.instant();
      UUID id = UUID.randomUUID();
      return dsl.transactionResult(
          tx -> {
            var tdsl = DSL.using(tx);
            var repo = new ContentRepository(tdsl);
            var item =
                new Item(
                    id,
                    campaign.id(),
                    influencer.userId(),
                    ReviewStatus.PENDING_REVIEW,
                    Moderation.VISIBLE,
                    1,
                    now,
                    now);
            repo.insert(item);
            repo.insert(revision(id, 1, key, file, upload.caption(), now));
            return detail(repo, item, false);
          });
    }
  }

  /** A new revision, allowed only to the item's influencer while changes are requested. */
  public ContentDetail uploadRevision(Principal influencer, UUID contentId, Upload upload)
      throws IOException {
    validateCaption(upload.caption());
    Item existing =
        new ContentRepository(dsl)
            .find(contentId)
            .filter(i -> i.influencerId().equals(influencer.userId()))
            .filter(i -> i.moderation() != Moderation.REMOVED)
            .orElseThrow(ApiException::notFound);
    requireChangesRequested(existing);
    try (var file = inspector.inspect(upload.content(), upload.declaredSize(), upload.filename())) {
      String key = store(file);
      Instant now = clock.instant();
      return dsl.transactionResult(
          tx -> {
            var repo = new ContentRepository(DSL.using(tx));
            Item item = repo.findForUpdate(contentId).orElseThrow(ApiException::notFound);
            requireChangesRequested(item);
            int number = item.currentRevision() + 1;
            repo.insert(revision(item.id(), number, key, file, upload.caption(), now));
            Item updated = item.with(ReviewStatus.PENDING_REVIEW, item.moderation(), number, now);
            repo.update(updated);
            return detail(repo, updated, false);
          });
    }
  }

  public ContentList list(Principal principal, UUID campaignId) {
    var repository = new ContentRepository(dsl);
    CampaignRef campaign = repository.campaign(campaignId).orElseThrow(ApiException::notFound);
    List<Item> items =
        switch (principal.role()) {
          case ADMIN -> repository.byCampaign(campaignId, null, true);
          case BRAND -> {
            if (!campaign.brandId().equals(principal.userId())) {
              throw ApiException.notFound();
            }
            yield repository.byCampaign(campaignId, null, false);
          }
          case INFLUENCER -> {
            if (!repository.acceptedParticipant(campaignId, principal.userId())) {
              throw ApiException.notFound();
            }
            yield repository.byCampaign(campaignId, principal.userId(), false);
          }
        };
    return new ContentList(items.stream().map(item -> summary(repository, item)).toList());
  }

  public ContentDetail get(Principal principal, UUID contentId) {
    var repository = new ContentRepository(dsl);
    Item item = visibleItem(repository, principal, contentId);
    return detail(repository, item, principal.role() == Role.ADMIN);
  }

  public DownloadUrl downloadUrl(Principal principal, UUID contentId) {
    var repository = new ContentRepository(dsl);
    Item item = visibleItem(repository, principal, contentId);
    Revision current =
        repository
            .revision(item.id(), item.currentRevision())
            .orElseThrow(IllegalStateException::new);
    var issued = tokens.issue(current.id());
    return new DownloadUrl("/content/files/" + issued.token(), issued.expiresAt());
  }

  /** The file a download token names; removed content is no longer served to anyone. */
  public StoredFile open(String token) throws IOException {
    UUID revisionId = tokens.verify(token);
    var repository = new ContentRepository(dsl);
    Revision revision = repository.revisionById(revisionId).orElseThrow(ApiException::notFound);
    Item item = repository.find(revision.contentId()).orElseThrow(ApiException::notFound);
    if (item.moderation() == Moderation.REMOVED) {
      throw ApiException.notFound();
    }
    return new StoredFile(
        MediaType.ofMime(revision.mediaType()),
        revision.storageKey(),
        revision.sizeBytes(),
        storage.open(revision.storageKey()));
  }

  /** An open stored file; the caller closes it. */
  public record StoredFile(MediaType type, String name, long size, InputStream content) {}

  public ContentDetail approve(Principal brand, UUID contentId) {
    return decide(brand, contentId, ReviewStatus.APPROVED, null);
  }

  public ContentDetail requestChanges(
      Principal brand, UUID contentId, ContentRequests.RequestChanges request) {
    new Validation()
        .required("comment", request.comment())
        .length("comment", request.comment(), 1, 2000)
        .throwIfInvalid();
    return decide(brand, contentId, ReviewStatus.CHANGES_REQUESTED, request.comment().strip());
  }

  private ContentDetail decide(
      Principal brand, UUID contentId, ReviewStatus decision, String comment) {
    Instant now = clock.instant();
    return dsl.transactionResult(
        tx -> {
          var tdsl = DSL.using(tx);
          var repo = new ContentRepository(tdsl);
          Item item = repo.findForUpdate(contentId).orElseThrow(ApiException::notFound);
          CampaignRef campaign = repo.campaign(item.campaignId()).orElseThrow();
          if (!campaign.brandId().equals(brand.userId())
              || item.moderation() == Moderation.REMOVED) {
            throw ApiException.notFound();
          }
          if (item.reviewStatus() != ReviewStatus.PENDING_REVIEW) {
            throw ApiException.conflict(
                "content-not-pending",
                "Only content waiting for review can be decided; this is "
                    + item.reviewStatus()
                    + ".");
          }
          repo.insert(
              item.id(),
              new Decision(
                  UUID.randomUUID(),
                  item.currentRevision(),
                  decision.name(),
                  comment,
                  brand.userId(),
                  now));
          Item updated = item.with(decision, item.moderation(), item.currentRevision(), now);
          repo.update(updated);
          outbox.enqueue(
              tdsl,
              item.influencerId(),
              decision == ReviewStatus.APPROVED
                  ? NotificationKind.CONTENT_APPROVED
                  : NotificationKind.CONTENT_CHANGES_REQUESTED,
              Map.of(
                  "campaignId", campaign.id().toString(),
                  "campaignName", campaign.name(),
                  "contentId", item.id().toString(),
                  "comment", comment == null ? "" : comment));
          return detail(repo, updated, false);
        });
  }

  static Item visibleItem(ContentRepository repository, Principal principal, UUID contentId) {
    Item item = repository.find(contentId).orElseThrow(ApiException::notFound);
    if (principal.role() == Role.ADMIN) {
      return item;
    }
    if (item.moderation() == Moderation.REMOVED) {
      throw ApiException.notFound();
    }
    boolean visible =
        switch (principal.role()) {
          case INFLUENCER -> item.influencerId().equals(principal.userId());
          case BRAND ->
              repository
                  .campaign(item.campaignId())
                  .map(c -> c.brandId().equals(principal.userId()))
                  .orElse(false);
          case ADMIN -> true;
        };
    if (!visible) {
      throw ApiException.notFound();
    }
    return item;
  }

  static ContentSummary summary(ContentRepository repository, Item item) {
    Revision current =
        repository
            .revision(item.id(), item.currentRevision())
            .orElseThrow(IllegalStateException::new);
    return ContentViews.summary(item, current);
  }

  static ContentDetail detail(ContentRepository repository, Item item, boolean withFlags) {
    return new ContentDetail(
        summary(repository, item),
        repository.revisions(item.id()).stream().map(ContentViews::revision).toList(),
        repository.decisions(item.id()).stream().map(ContentViews::decision).toList(),
        withFlags
            ? repository.flags(item.id()).stream().map(ContentViews::flag).toList()
            : List.of());
  }

  private String store(UploadInspector.Inspected file) throws IOException {
    String key = UUID.randomUUID() + "." + file.type().extension();
    storage.put(key, file.file(), file.type());
    return key;
  }

  private static Revision revision(
      UUID contentId,
      int number,
      String key,
      UploadInspector.Inspected file,
      String caption,
      Instant now) {
    return new Revision(
        UUID.randomUUID(),
        contentId,
        number,
        key,
        file.type().mime(),
        file.size(),
        file.width(),
        file.height(),
        file.sha256(),
        file.originalName(),
        caption == null ? null : caption.strip(),
        now);
  }

  private static void requireChangesRequested(Item item) {
    if (item.reviewStatus() != ReviewStatus.CHANGES_REQUESTED) {
      throw ApiException.conflict(
          "revision-not-requested",
          "A new revision can be uploaded only after the brand requested changes.");
    }
  }

  private static void validateCaption(String caption) {
    new Validation().length("caption", caption, 0, 2200).throwIfInvalid();
  }
}
