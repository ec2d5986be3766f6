package io.influmeter.api.analytics;

import io.influmeter.api.analytics.AnalyticsRepository.CampaignRef;
import io.influmeter.api.auth.Role;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Who may see a campaign's numbers, one rule for the analytics answers and the live stream: an
 * admin every campaign, a brand its own, an influencer a campaign they were accepted on (and then
 * only their own rows, which {@link CampaignSlice} enforces). Anyone else is told nothing: callers
 * answer 404, as for an id that does not exist.
 */
public final class CampaignAccess {
  private final AnalyticsRepository repository;

  public CampaignAccess(DSLContext dsl) {
    this(new AnalyticsRepository(dsl));
  }

  CampaignAccess(AnalyticsRepository repository) {
    this.repository = repository;
  }

  /** Whether this user, in this role, may see the campaign's numbers. */
  public boolean maySee(UUID userId, Role role, UUID campaignId) {
    return visible(userId, role, campaignId).isPresent();
  }

  /** The campaign when this user may see it, else empty. */
  Optional<CampaignRef> visible(UUID userId, Role role, UUID campaignId) {
    return repository
        .campaign(campaignId)
        .filter(
            campaign ->
                switch (role) {
                  case ADMIN -> true;
                  case BRAND -> campaign.brandId().equals(userId);
                  case INFLUENCER -> repository.isAcceptedParticipant(campaignId, userId);
                });
  }
}
