package io.influmeter.api.content;

import io.influmeter.api.content.ContentRecords.Decision;
import io.influmeter.api.content.ContentRecords.Flag;
import io.influmeter.api.content.ContentRecords.Item;
import io.influmeter.api.content.ContentRecords.Revision;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the content routes answer (storage keys and file paths never leave the server). */
public final class ContentViews {
  private ContentViews() {}

  public record ContentSummary(
      UUID id,
      UUID campaignId,
      UUID influencerId,
      String reviewStatus,
      String moderation,
      int currentRevision,
      String mediaType,
      String caption,
      Instant createdAt,
      Instant updatedAt) {}

  public record RevisionView(
      int revision,
      String mediaType,
      long sizeBytes,
      Integer width,
      Integer height,
      String sha256,
      String originalFilename,
      String caption,
      Instant uploadedAt) {}

  public record DecisionView(
      int revision, String decision, String comment, UUID decidedBy, Instant decidedAt) {}

  public record FlagView(
      UUID id,
      UUID reporterId,
      String reason,
      Instant createdAt,
      String resolution,
      Instant resolvedAt) {}

  /** One item with its whole history; flags are shown to admins only (reporters stay private). */
  public record ContentDetail(
      ContentSummary content,
      List<RevisionView> revisions,
      List<DecisionView> history,
      List<FlagView> flags) {}

  public record ContentList(List<ContentSummary> items) {}

  public record FlaggedItem(ContentSummary content, List<FlagView> openFlags) {}

  public record FlaggedList(List<FlaggedItem> items) {}

  public record DownloadUrl(String url, Instant expiresAt) {}

  static ContentSummary summary(Item item, Revision current) {
    return new ContentSummary(
        item.id(),
        item.campaignId(),
        item.influencerId(),
        item.reviewStatus().name(),
        item.moderation().name(),
        item.currentRevision(),
        current.mediaType(),
        current.caption(),
        item.createdAt(),
        item.updatedAt());
  }

  static RevisionView revision(Revision r) {
    return new RevisionView(
        r.revision(),
        r.mediaType(),
        r.sizeBytes(),
        r.width(),
        r.height(),
        r.sha256(),
        r.originalFilename(),
        r.caption(),
        r.uploadedAt());
  }

  static DecisionView decision(Decision d) {
    return new DecisionView(d.revision(), d.decision(), d.comment(), d.decidedBy(), d.decidedAt());
  }

  static FlagView flag(Flag f) {
    return new FlagView(
        f.id(), f.reporterId(), f.reason(), f.createdAt(), f.resolution(), f.resolvedAt());
  }
}
