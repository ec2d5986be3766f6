package io.influmeter.api.referrals;

import static io.influmeter.api.db.Tables.CAMPAIGNS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.audit.AuditLog;
import io.influmeter.api.auth.Principal;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.users.CreatorProfile;
import io.influmeter.api.users.User;
import io.influmeter.api.users.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Referral links and promo codes: created when a participant is accepted (in that transaction),
 * listed by their influencer and their brand, paused, resumed and retired. Every change is audited
 * and republished through the outbox in the same transaction.
 *
 * <p>UTM: a link's parameters are the campaign's {@code utm_template} plus {@code
 * utm_content=<slug>} (unless the template sets utm_content), so the brand's analytics can tell the
 * influencers of one campaign apart; {@code utm_term} is left to the template (it names paid
 * keywords, which a referral has none of).
 */
public final class ReferralLinkService {
  /** Far more than any honest sequence of races needs; a loop guard, not a limit. */
  private static final int MAX_ATTEMPTS = 20;

  private final DSLContext dsl;
  private final Clock clock;
  private final ObjectMapper json;
  private final ReferralLinkPublisher publisher;
  private final PromoCodes codes;
  private final String ingestPublicUrl;

  public ReferralLinkService(
      DSLContext dsl,
      Clock clock,
      ObjectMapper json,
      ReferralLinkPublisher publisher,
      RandomGenerator random,
      String ingestPublicUrl) {
    this.dsl = dsl;
    this.clock = clock;
    this.json = json;
    this.publisher = publisher;
    this.codes = new PromoCodes(random);
    this.ingestPublicUrl = ingestPublicUrl;
  }

  /**
   * Creates the link and code of a newly accepted participant in the caller's transaction
   * (idempotent: an existing link is returned as it is).
   */
  public ReferralLinkView createForParticipant(
      DSLContext tx, UUID campaignId, UUID influencerId, UUID actorId, String clientIp) {
    var links = new ReferralLinkRepository(tx);
    var existing = links.forParticipant(campaignId, influencerId);
    if (existing.isPresent()) {
      return view(existing.get());
    }
    Record campaign =
        tx.select(CAMPAIGNS.BRAND_ID, CAMPAIGNS.LANDING_URL, CAMPAIGNS.UTM_TEMPLATE)
            .from(CAMPAIGNS)
            .where(CAMPAIGNS.ID.eq(campaignId))
            .fetchOptional()
            .orElseThrow(ApiException::notFound);
    UUID brandId = campaign.get(CAMPAIGNS.BRAND_ID);
    var users = new UserRepository(tx);
    String handle = users.creatorProfile(influencerId).map(CreatorProfile::handle).orElse(null);
    String name = users.findById(influencerId).map(User::displayName).orElse(null);
    String base = SlugRules.base(handle, name);
    String letters = PromoCodes.letters(base);
    Instant now = clock.instant();
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      String slug = SlugRules.firstFree(base, links.slugsOf(base));
      String code = codes.next(letters, links.codesOf(brandId, letters));
      var link =
          new ReferralLinkRepository.Link(
              UUID.randomUUID(),
              campaignId,
              null,
              influencerId,
              brandId,
              slug,
              code,
              campaign.get(CAMPAIGNS.LANDING_URL),
              utm(campaign.get(CAMPAIGNS.UTM_TEMPLATE), slug),
              LinkStatus.ACTIVE,
              now,
              now);
      // The UNIQUE constraints arbitrate concurrent acceptances; a lost race picks again.
      if (links.insertIfFree(link)) {
        ReferralLinkView created = view(links.find(link.id()).orElseThrow());
        audit(tx, actorId, "referral-link.created", link.id(), null, created, clientIp, now);
        publisher.publish(tx, link.id());
        return created;
      }
    }
    throw new IllegalStateException("could not allocate a slug and promo code for " + base);
  }

  public List<ReferralLinkView> mine(Principal influencer) {
    return new ReferralLinkRepository(dsl)
        .ofInfluencer(influencer.userId()).stream().map(this::view).toList();
  }

  /** The links of one of the brand's campaigns; another brand's campaign is 404. */
  public List<ReferralLinkView> ofCampaign(Principal brand, UUID campaignId) {
    UUID owner =
        dsl.select(CAMPAIGNS.BRAND_ID)
            .from(CAMPAIGNS)
            .where(CAMPAIGNS.ID.eq(campaignId))
            .fetchOptional(CAMPAIGNS.BRAND_ID)
            .orElseThrow(ApiException::notFound);
    if (!owner.equals(brand.userId())) {
      throw ApiException.notFound();
    }
    return new ReferralLinkRepository(dsl).ofCampaign(campaignId).stream().map(this::view).toList();
  }

  /** What a caller does to a link. */
  public enum Action {
    PAUSE,
    RESUME,
    RETIRE
  }

  /**
   * Pauses, resumes or retires a link the caller owns (influencer: their own; brand: links of their
   * campaigns; anything else is 404). Retired is final; pausing a paused link or resuming an active
   * one changes nothing and publishes nothing.
   */
  public ReferralLinkView change(Principal caller, UUID linkId, Action action, String clientIp) {
    return dsl.transactionResult(
        configuration -> {
          DSLContext tx = DSL.using(configuration);
          var links = new ReferralLinkRepository(tx);
          var link = links.findForUpdate(linkId).orElseThrow(ApiException::notFound);
          UUID owner =
              switch (caller.role()) {
                case INFLUENCER -> link.influencerId();
                case BRAND -> link.brandId();
                case ADMIN -> null;
              };
          if (!caller.userId().equals(owner)) {
            throw ApiException.notFound();
          }
          if (link.status() == LinkStatus.RETIRED) {
            throw ApiException.conflict("link-retired", "This link is retired; retiring is final.");
          }
          LinkStatus target =
              switch (action) {
                case PAUSE -> LinkStatus.PAUSED;
                case RESUME -> LinkStatus.ACTIVE;
                case RETIRE -> LinkStatus.RETIRED;
              };
          ReferralLinkView before = view(link);
          if (target == link.status()) {
            return before;
          }
          Instant now = clock.instant();
          links.setStatus(linkId, target, now);
          ReferralLinkView after = view(links.find(linkId).orElseThrow());
          audit(
              tx,
              caller.userId(),
              switch (action) {
                case PAUSE -> "referral-link.paused";
                case RESUME -> "referral-link.resumed";
                case RETIRE -> "referral-link.retired";
              },
              linkId,
              before,
              after,
              clientIp,
              now);
          publisher.publish(tx, linkId);
          return after;
        });
  }

  private Map<String, String> utm(org.jooq.JSON template, String slug) {
    Map<String, String> utm = new LinkedHashMap<>();
    if (template != null) {
      try {
        JsonNode node = json.readTree(template.data());
        if (node != null && node.isObject()) {
          node.fields()
              .forEachRemaining(
                  e -> {
                    if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                      utm.put(e.getKey(), e.getValue().asText());
                    }
                  });
        }
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("unreadable utm_template", e);
      }
    }
    utm.putIfAbsent("utm_content", slug);
    return Map.copyOf(utm);
  }

  private ReferralLinkView view(ReferralLinkRepository.Link l) {
    return new ReferralLinkView(
        l.id(),
        l.campaignId(),
        l.campaignName(),
        l.influencerId(),
        l.brandId(),
        l.slug(),
        ingestPublicUrl + "/go/" + l.slug(),
        l.promoCode(),
        l.destinationUrl(),
        new java.util.TreeMap<>(l.utm()),
        l.status(),
        l.createdAt(),
        l.updatedAt());
  }

  private void audit(
      DSLContext tx,
      UUID actor,
      String action,
      UUID linkId,
      Object before,
      Object after,
      String clientIp,
      Instant now) {
    new AuditLog(tx, json)
        .record(
            new AuditLog.Change(
                actor, action, "referral_link", linkId.toString(), before, after, clientIp),
            now);
  }
}
