package io.influmeter.api.content;

import java.time.Instant;
import java.util.UUID;

/** The content domain's records, as repositories return them. */
public final class ContentRecords {
  private ContentRecords() {}

  public enum ReviewStatus {
    PENDING_REVIEW,
    APPROVED,
    CHANGES_REQUESTED
  }

  public enum Moderation {
    VISIBLE,
    FLAGGED,
    REMOVED
  }

  /** The campaign as content needs it: who owns it and what it is called. */
  public record CampaignRef(UUID id, UUID brandId, String name) {}

  public record Item(
      UUID id,
      UUID campaignId,
      UUID influencerId,
      ReviewStatus reviewStatus,
      Moderation moderation,
      int currentRevision,
      Instant createdAt,
      Instant updatedAt) {

    Item with(ReviewStatus status, Moderation newModeration, int revision, Instant at) {
      return new Item(id, campaignId, influencerId, status, newModeration, revision, createdAt, at);
    }
  }

  public record Revision(
      UUID id,
      UUID contentId,
      int revision,
      String storageKey,
      String mediaType,
      long sizeBytes,
      Integer width,
      Integer height,
      String sha256,
      String originalFilename,
      String caption,
      Instant uploadedAt) {}

  public record Decision(
      UUID id, int revision, String decision, String comment, UUID decidedBy, Instant decidedAt) {}

  public record Flag(
      UUID id,
      UUID contentId,
      UUID reporterId,
      String reason,
      Instant createdAt,
      String resolution,
      UUID resolvedBy,
      Instant resolvedAt) {}
}
