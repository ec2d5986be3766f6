package io.influmeter.api.referrals;

import static io.influmeter.api.db.Tables.CAMPAIGNS;
import static io.influmeter.api.db.Tables.REFERRAL_LINKS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Record;

/** Referral links and codes. Generated records stay in here. */
final class ReferralLinkRepository {
  private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private final DSLContext dsl;

  ReferralLinkRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** A stored link with its campaign's name. */
  record Link(
      UUID id,
      UUID campaignId,
      String campaignName,
      UUID influencerId,
      UUID brandId,
      String slug,
      String promoCode,
      String destinationUrl,
      Map<String, String> utm,
      LinkStatus status,
      Instant createdAt,
      Instant updatedAt) {}

  /**
   * Inserts the link unless a unique constraint (slug, brand + code, participant) already holds the
   * value: {@code ON CONFLICT DO NOTHING} waits for a concurrent inserter of the same value and
   * then reports 0 rows instead of aborting the transaction, so the caller can pick again.
   */
  boolean insertIfFree(Link link) {
    return dsl.insertInto(REFERRAL_LINKS)
            .set(REFERRAL_LINKS.ID, link.id())
            .set(REFERRAL_LINKS.CAMPAIGN_ID, link.campaignId())
            .set(REFERRAL_LINKS.INFLUENCER_ID, link.influencerId())
            .set(REFERRAL_LINKS.BRAND_ID, link.brandId())
            .set(REFERRAL_LINKS.SLUG, link.slug())
            .set(REFERRAL_LINKS.PROMO_CODE, link.promoCode())
            .set(REFERRAL_LINKS.DESTINATION_URL, link.destinationUrl())
            .set(REFERRAL_LINKS.UTM, toJson(link.utm()))
            .set(REFERRAL_LINKS.STATUS, link.status().name())
            .set(REFERRAL_LINKS.CREATED_AT, link.createdAt().atOffset(ZoneOffset.UTC))
            .set(REFERRAL_LINKS.UPDATED_AT, link.updatedAt().atOffset(ZoneOffset.UTC))
            .onConflictDoNothing()
            .execute()
        == 1;
  }

  /** Slugs of the base's sequence already in use ({@code base} and {@code base-<n>}). */
  Set<String> slugsOf(String base) {
    // base is [a-z0-9-] only, so it holds no LIKE wildcard.
    return Set.copyOf(
        dsl.select(REFERRAL_LINKS.SLUG)
            .from(REFERRAL_LINKS)
            .where(REFERRAL_LINKS.SLUG.eq(base).or(REFERRAL_LINKS.SLUG.like(base + "-%")))
            .fetch(REFERRAL_LINKS.SLUG));
  }

  /** The brand's promo codes that start with these letters. */
  Set<String> codesOf(UUID brandId, String letters) {
    return Set.copyOf(
        dsl.select(REFERRAL_LINKS.PROMO_CODE)
            .from(REFERRAL_LINKS)
            .where(REFERRAL_LINKS.BRAND_ID.eq(brandId))
            .and(REFERRAL_LINKS.PROMO_CODE.like(letters + "%"))
            .fetch(REFERRAL_LINKS.PROMO_CODE));
  }

  Optional<Link> find(UUID id) {
    return select(REFERRAL_LINKS.ID.eq(id)).fetchOptional(ReferralLinkRepository::toLink);
  }

  /** Locks the link row for a status change. */
  Optional<Link> findForUpdate(UUID id) {
    return select(REFERRAL_LINKS.ID.eq(id))
        .forUpdate()
        .of(REFERRAL_LINKS)
        .fetchOptional(ReferralLinkRepository::toLink);
  }

  Optional<Link> forParticipant(UUID campaignId, UUID influencerId) {
    return select(
            REFERRAL_LINKS
                .CAMPAIGN_ID
                .eq(campaignId)
                .and(REFERRAL_LINKS.INFLUENCER_ID.eq(influencerId)))
        .fetchOptional(ReferralLinkRepository::toLink);
  }

  List<Link> ofInfluencer(UUID influencerId) {
    return select(REFERRAL_LINKS.INFLUENCER_ID.eq(influencerId))
        .orderBy(REFERRAL_LINKS.CREATED_AT.desc(), REFERRAL_LINKS.ID)
        .fetch(ReferralLinkRepository::toLink);
  }

  List<Link> ofCampaign(UUID campaignId) {
    return select(REFERRAL_LINKS.CAMPAIGN_ID.eq(campaignId))
        .orderBy(REFERRAL_LINKS.CREATED_AT.desc(), REFERRAL_LINKS.ID)
        .fetch(ReferralLinkRepository::toLink);
  }

  void setStatus(UUID id, LinkStatus status, Instant now) {
    dsl.update(REFERRAL_LINKS)
        .set(REFERRAL_LINKS.STATUS, status.name())
        .set(REFERRAL_LINKS.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
        .where(REFERRAL_LINKS.ID.eq(id))
        .execute();
  }

  private org.jooq.SelectConditionStep<Record> select(Condition where) {
    return dsl.select(REFERRAL_LINKS.asterisk())
        .select(CAMPAIGNS.NAME)
        .from(REFERRAL_LINKS)
        .join(CAMPAIGNS)
        .on(CAMPAIGNS.ID.eq(REFERRAL_LINKS.CAMPAIGN_ID))
        .where(where);
  }

  private static Link toLink(Record r) {
    return new Link(
        r.get(REFERRAL_LINKS.ID),
        r.get(REFERRAL_LINKS.CAMPAIGN_ID),
        r.get(CAMPAIGNS.NAME),
        r.get(REFERRAL_LINKS.INFLUENCER_ID),
        r.get(REFERRAL_LINKS.BRAND_ID),
        r.get(REFERRAL_LINKS.SLUG),
        r.get(REFERRAL_LINKS.PROMO_CODE),
        r.get(REFERRAL_LINKS.DESTINATION_URL),
        fromJson(r.get(REFERRAL_LINKS.UTM)),
        LinkStatus.valueOf(r.get(REFERRAL_LINKS.STATUS)),
        r.get(REFERRAL_LINKS.CREATED_AT).toInstant(),
        r.get(REFERRAL_LINKS.UPDATED_AT).toInstant());
  }

  static Map<String, String> fromJson(JSON json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return JSON_MAPPER.readValue(json.data(), STRING_MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable utm map", e);
    }
  }

  private static JSON toJson(Map<String, String> map) {
    try {
      return JSON.valueOf(JSON_MAPPER.writeValueAsString(map));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a utm map", e);
    }
  }
}
