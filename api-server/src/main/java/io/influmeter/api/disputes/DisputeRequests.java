package io.influmeter.api.disputes;

import java.util.List;
import java.util.UUID;

/** JSON bodies and answers of the dispute routes. */
public final class DisputeRequests {
  private DisputeRequests() {}

  /**
   * Opening a dispute. {@code influencerId} names the other party when a brand opens one (an
   * influencer's other party is always the campaign's brand).
   */
  public record Open(
      UUID campaignId, String subject, String reference, String description, UUID influencerId) {}

  public record Resolve(String outcome, String note) {}

  public record DisputeList(List<Dispute> disputes) {}
}
