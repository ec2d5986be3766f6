package io.influmeter.api.referrals;

import static io.influmeter.api.db.Tables.CAMPAIGNS;
import static io.influmeter.api.db.Tables.OUTBOX;
import static io.influmeter.api.db.Tables.REFERRAL_LINKS;

import io.influmeter.events.AttributionModel;
import io.influmeter.events.CommissionType;
import io.influmeter.events.LinkStatus;
import io.influmeter.events.ReferralLink;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.serde.AvroSerde;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Publishes a link's current state, joined with its campaign's rules, as the catalog's {@code
 * ReferralLink} record: one row in the {@code outbox} table, written in the caller's transaction,
 * which the CDC source sends to {@link Topics#REFERRAL_LINKS} keyed by the lower-case slug. A
 * paused or retired link is published with that status (never as a tombstone), so ingest keeps
 * redirecting it to the fallback instead of answering 404.
 *
 * <p>Call it in every transaction that changes a link or its campaign: {@link #publish} for one
 * link, {@link #publishCampaign} after a campaign edit (landing page, dates, commission, ...).
 */
public final class ReferralLinkPublisher {
  private final AvroSerde<ReferralLink> serde;
  private final Clock clock;
  private final String topic = Topics.REFERRAL_LINKS.name();

  public ReferralLinkPublisher(AvroSerde<ReferralLink> serde, Clock clock) {
    this.serde = serde;
    this.clock = clock;
  }

  /** Writes the link's current state to the outbox in {@code tx}'s transaction. */
  public void publish(DSLContext tx, UUID linkId) {
    Record row =
        tx.select(REFERRAL_LINKS.asterisk(), CAMPAIGNS.asterisk())
            .from(REFERRAL_LINKS)
            .join(CAMPAIGNS)
            .on(CAMPAIGNS.ID.eq(REFERRAL_LINKS.CAMPAIGN_ID))
            .where(REFERRAL_LINKS.ID.eq(linkId))
            .fetchOne();
    if (row == null) {
      throw new IllegalArgumentException("no referral link " + linkId);
    }
    write(tx, toRecord(row));
  }

  /** Republishes every link of a campaign (after the campaign changed); returns how many. */
  public int publishCampaign(DSLContext tx, UUID campaignId) {
    List<UUID> ids =
        tx.select(REFERRAL_LINKS.ID)
            .from(REFERRAL_LINKS)
            .where(REFERRAL_LINKS.CAMPAIGN_ID.eq(campaignId))
            .orderBy(REFERRAL_LINKS.ID)
            .fetch(REFERRAL_LINKS.ID);
    ids.forEach(id -> publish(tx, id));
    return ids.size();
  }

  private void write(DSLContext tx, ReferralLink link) {
    tx.insertInto(OUTBOX)
        .set(OUTBOX.ID, UUID.randomUUID())
        .set(OUTBOX.TOPIC, topic)
        .set(OUTBOX.AGGREGATE_ID, Topics.keyOf(link))
        .set(OUTBOX.PAYLOAD, serde.encode(topic, link))
        .set(OUTBOX.CREATED_AT, clock.instant().atOffset(ZoneOffset.UTC))
        .execute();
  }

  static ReferralLink toRecord(Record r) {
    boolean percentage = "PERCENTAGE".equals(r.get(CAMPAIGNS.COMMISSION_TYPE));
    BigDecimal percent = r.get(CAMPAIGNS.COMMISSION_PERCENT);
    Long fixed = r.get(CAMPAIGNS.COMMISSION_FIXED_MINOR);
    Instant linkUpdated = r.get(REFERRAL_LINKS.UPDATED_AT).toInstant();
    Instant campaignUpdated = r.get(CAMPAIGNS.UPDATED_AT).toInstant();
    return ReferralLink.newBuilder()
        .setLinkId(r.get(REFERRAL_LINKS.ID).toString())
        .setSlug(r.get(REFERRAL_LINKS.SLUG))
        .setCampaignId(r.get(REFERRAL_LINKS.CAMPAIGN_ID).toString())
        .setInfluencerId(r.get(REFERRAL_LINKS.INFLUENCER_ID).toString())
        .setBrandId(r.get(REFERRAL_LINKS.BRAND_ID).toString())
        .setDestinationUrl(r.get(REFERRAL_LINKS.DESTINATION_URL))
        .setUtm(ReferralLinkRepository.fromJson(r.get(REFERRAL_LINKS.UTM)))
        .setPromoCode(r.get(REFERRAL_LINKS.PROMO_CODE))
        .setStatus(LinkStatus.valueOf(r.get(REFERRAL_LINKS.STATUS)))
        .setFallbackUrl(r.get(CAMPAIGNS.FALLBACK_URL))
        .setAllowUtmPassthrough(r.get(CAMPAIGNS.ALLOW_UTM_PASSTHROUGH))
        .setCampaignStartsAt(r.get(CAMPAIGNS.STARTS_AT).toInstant())
        .setCampaignEndsAt(r.get(CAMPAIGNS.ENDS_AT).toInstant())
        .setAttributionLookbackDays(r.get(CAMPAIGNS.ATTRIBUTION_LOOKBACK_DAYS))
        .setAttributionModel(AttributionModel.valueOf(r.get(CAMPAIGNS.ATTRIBUTION_MODEL)))
        .setCommissionType(CommissionType.valueOf(r.get(CAMPAIGNS.COMMISSION_TYPE)))
        // numeric(5,2) percent -> exact basis points (12.50 % = 1250); throws rather than rounds.
        .setCommissionPercentBps(
            percentage && percent != null ? percent.movePointRight(2).intValueExact() : 0)
        .setCommissionFixedMinor(!percentage && fixed != null ? fixed : 0L)
        .setCommissionCurrency(r.get(CAMPAIGNS.CURRENCY))
        .setUpdatedAt(linkUpdated.isAfter(campaignUpdated) ? linkUpdated : campaignUpdated)
        .build();
  }
}
