package io.influmeter.api.disputes;

import java.time.Instant;
import java.util.UUID;

/** A dispute between a campaign's brand and one of its influencers, and its resolution. */
public record Dispute(
    UUID id,
    UUID campaignId,
    UUID openedBy,
    UUID brandId,
    UUID influencerId,
    String subject,
    String reference,
    String description,
    String status,
    String outcome,
    String resolutionNote,
    UUID resolvedBy,
    Instant resolvedAt,
    Instant createdAt) {

  public enum Subject {
    CONVERSION,
    PAYOUT,
    CONTENT
  }

  public enum Outcome {
    UPHELD,
    REJECTED
  }
}
