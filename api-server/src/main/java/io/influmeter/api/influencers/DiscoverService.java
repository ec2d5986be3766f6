package io.influmeter.api.influencers;

import io.influmeter.api.auth.Principal;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.users.UserRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Discover: the open campaigns an influencer qualifies for. Targeting is evaluated in Java over the
 * open campaigns (a few thousand at most at once: approved or active and not ended), which keeps
 * one definition of "qualifies" for listing and applying; move it into SQL if that ever grows.
 */
public final class DiscoverService {
  private final DSLContext dsl;
  private final Clock clock;

  public DiscoverService(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /** A page of Discover. */
  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  public record Page(List<OpenCampaign> items, Integer nextOffset) {}

  public Page list(Principal principal, int limit, int offset) {
    var candidate = candidate(dsl, principal.userId());
    var catalog = new CampaignCatalog(dsl);
    Map<UUID, String> mine = catalog.participations(principal.userId());
    List<OpenCampaign> qualified =
        catalog.open(clock.instant()).stream()
            .filter(c -> c.targetFilters().matches(candidate))
            .toList();
    int from = Math.min(offset, qualified.size());
    int to = Math.min(from + limit, qualified.size());
    List<OpenCampaign> page =
        qualified.subList(from, to).stream()
            .map(c -> c.withParticipation(mine.get(c.id())))
            .toList();
    return new Page(page, to < qualified.size() ? to : null);
  }

  /**
   * The open campaign, if the influencer qualifies for it; otherwise 404 (a campaign you are not
   * targeted by is not visible to you).
   */
  public static OpenCampaign qualifiedCampaign(
      DSLContext dsl, UUID influencerId, UUID campaignId, java.time.Instant now) {
    OpenCampaign campaign =
        new CampaignCatalog(dsl).findOpen(campaignId, now).orElseThrow(ApiException::notFound);
    if (!campaign.targetFilters().matches(candidate(dsl, influencerId))) {
      throw ApiException.notFound();
    }
    return campaign;
  }

  private static TargetFilters.Candidate candidate(DSLContext dsl, UUID influencerId) {
    return TargetFilters.Candidate.of(
        InfluencerProfileService.read(new UserRepository(dsl), influencerId));
  }
}
