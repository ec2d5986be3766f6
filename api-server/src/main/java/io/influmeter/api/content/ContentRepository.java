package io.influmeter.api.content;

import static io.influmeter.api.db.Tables.CAMPAIGNS;
import static io.influmeter.api.db.Tables.CAMPAIGN_PARTICIPANTS;
import static io.influmeter.api.db.Tables.CONTENT_DECISIONS;
import static io.influmeter.api.db.Tables.CONTENT_FLAGS;
import static io.influmeter.api.db.Tables.CONTENT_ITEMS;
import static io.influmeter.api.db.Tables.CONTENT_REVISIONS;

import io.influmeter.api.content.ContentRecords.CampaignRef;
import io.influmeter.api.content.ContentRecords.Decision;
import io.influmeter.api.content.ContentRecords.Flag;
import io.influmeter.api.content.ContentRecords.Item;
import io.influmeter.api.content.ContentRecords.Moderation;
import io.influmeter.api.content.ContentRecords.ReviewStatus;
import io.influmeter.api.content.ContentRecords.Revision;
import io.influmeter.api.db.tables.records.ContentFlagsRecord;
import io.influmeter.api.db.tables.records.ContentItemsRecord;
import io.influmeter.api.db.tables.records.ContentRevisionsRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** Content items, their revisions, decisions and flags; reads campaigns and participants. */
public final class ContentRepository {
  /** The participant status that lets an influencer deliver content (the V3 contract). */
  static final String ACCEPTED = "ACCEPTED";

  private final DSLContext dsl;

  public ContentRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  public Optional<CampaignRef> campaign(UUID campaignId) {
    return dsl.select(CAMPAIGNS.ID, CAMPAIGNS.BRAND_ID, CAMPAIGNS.NAME)
        .from(CAMPAIGNS)
        .where(CAMPAIGNS.ID.eq(campaignId))
        .fetchOptional(r -> new CampaignRef(r.value1(), r.value2(), r.value3()));
  }

  public boolean acceptedParticipant(UUID campaignId, UUID influencerId) {
    return dsl.fetchExists(
        CAMPAIGN_PARTICIPANTS,
        CAMPAIGN_PARTICIPANTS.CAMPAIGN_ID.eq(campaignId),
        CAMPAIGN_PARTICIPANTS.INFLUENCER_ID.eq(influencerId),
        CAMPAIGN_PARTICIPANTS.STATUS.eq(ACCEPTED));
  }

  public void insert(Item item) {
    dsl.insertInto(CONTENT_ITEMS)
        .set(CONTENT_ITEMS.ID, item.id())
        .set(CONTENT_ITEMS.CAMPAIGN_ID, item.campaignId())
        .set(CONTENT_ITEMS.INFLUENCER_ID, item.influencerId())
        .set(CONTENT_ITEMS.REVIEW_STATUS, item.reviewStatus().name())
        .set(CONTENT_ITEMS.MODERATION, item.moderation().name())
        .set(CONTENT_ITEMS.CURRENT_REVISION, item.currentRevision())
        .set(CONTENT_ITEMS.CREATED_AT, utc(item.createdAt()))
        .set(CONTENT_ITEMS.UPDATED_AT, utc(item.updatedAt()))
        .execute();
  }

  public void update(Item item) {
    dsl.update(CONTENT_ITEMS)
        .set(CONTENT_ITEMS.REVIEW_STATUS, item.reviewStatus().name())
        .set(CONTENT_ITEMS.MODERATION, item.moderation().name())
        .set(CONTENT_ITEMS.CURRENT_REVISION, item.currentRevision())
        .set(CONTENT_ITEMS.UPDATED_AT, utc(item.updatedAt()))
        .where(CONTENT_ITEMS.ID.eq(item.id()))
        .execute();
  }

  public Optional<Item> find(UUID id) {
    return dsl.selectFrom(CONTENT_ITEMS).where(CONTENT_ITEMS.ID.eq(id)).fetchOptional(this::item);
  }

  /** Locks the row: decisions, revisions and moderation of one item happen one at a time. */
  public Optional<Item> findForUpdate(UUID id) {
    return dsl.selectFrom(CONTENT_ITEMS)
        .where(CONTENT_ITEMS.ID.eq(id))
        .forUpdate()
        .fetchOptional(this::item);
  }

  public List<Item> byCampaign(UUID campaignId, UUID influencerId, boolean includeRemoved) {
    Condition where = CONTENT_ITEMS.CAMPAIGN_ID.eq(campaignId);
    if (influencerId != null) {
      where = where.and(CONTENT_ITEMS.INFLUENCER_ID.eq(influencerId));
    }
    if (!includeRemoved) {
      where = where.and(CONTENT_ITEMS.MODERATION.ne(Moderation.REMOVED.name()));
    }
    return dsl.selectFrom(CONTENT_ITEMS)
        .where(where)
        .orderBy(CONTENT_ITEMS.CREATED_AT, CONTENT_ITEMS.ID)
        .fetch(this::item);
  }

  public List<Item> flagged(int limit, int offset) {
    return dsl.selectFrom(CONTENT_ITEMS)
        .where(CONTENT_ITEMS.MODERATION.eq(Moderation.FLAGGED.name()))
        .orderBy(CONTENT_ITEMS.UPDATED_AT, CONTENT_ITEMS.ID)
        .limit(limit)
        .offset(offset)
        .fetch(this::item);
  }

  public void insert(Revision r) {
    dsl.insertInto(CONTENT_REVISIONS)
        .set(CONTENT_REVISIONS.ID, r.id())
        .set(CONTENT_REVISIONS.CONTENT_ID, r.contentId())
        .set(CONTENT_REVISIONS.REVISION, r.revision())
        .set(CONTENT_REVISIONS.STORAGE_KEY, r.storageKey())
        .set(CONTENT_REVISIONS.MEDIA_TYPE, r.mediaType())
        .set(CONTENT_REVISIONS.SIZE_BYTES, r.sizeBytes())
        .set(CONTENT_REVISIONS.WIDTH, r.width())
        .set(CONTENT_REVISIONS.HEIGHT, r.height())
        .set(CONTENT_REVISIONS.SHA256, r.sha256())
        .set(CONTENT_REVISIONS.ORIGINAL_FILENAME, r.originalFilename())
        .set(CONTENT_REVISIONS.CAPTION, r.caption())
        .set(CONTENT_REVISIONS.UPLOADED_AT, utc(r.uploadedAt()))
        .execute();
  }

  public List<Revision> revisions(UUID contentId) {
    return dsl.selectFrom(CONTENT_REVISIONS)
        .where(CONTENT_REVISIONS.CONTENT_ID.eq(contentId))
        .orderBy(CONTENT_REVISIONS.REVISION)
        .fetch(this::revision);
  }

  public Optional<Revision> revision(UUID contentId, int number) {
    return dsl.selectFrom(CONTENT_REVISIONS)
        .where(CONTENT_REVISIONS.CONTENT_ID.eq(contentId), CONTENT_REVISIONS.REVISION.eq(number))
        .fetchOptional(this::revision);
  }

  public Optional<Revision> revisionById(UUID id) {
    return dsl.selectFrom(CONTENT_REVISIONS)
        .where(CONTENT_REVISIONS.ID.eq(id))
        .fetchOptional(this::revision);
  }

  public void insert(UUID contentId, Decision d) {
    dsl.insertInto(CONTENT_DECISIONS)
        .set(CONTENT_DECISIONS.ID, d.id())
        .set(CONTENT_DECISIONS.CONTENT_ID, contentId)
        .set(CONTENT_DECISIONS.REVISION, d.revision())
        .set(CONTENT_DECISIONS.DECISION, d.decision())
        .set(CONTENT_DECISIONS.COMMENT, d.comment())
        .set(CONTENT_DECISIONS.DECIDED_BY, d.decidedBy())
        .set(CONTENT_DECISIONS.DECIDED_AT, utc(d.decidedAt()))
        .execute();
  }

  public List<Decision> decisions(UUID contentId) {
    return dsl.selectFrom(CONTENT_DECISIONS)
        .where(CONTENT_DECISIONS.CONTENT_ID.eq(contentId))
        .orderBy(CONTENT_DECISIONS.DECIDED_AT, CONTENT_DECISIONS.REVISION, CONTENT_DECISIONS.ID)
        .fetch(
            r ->
                new Decision(
                    r.getId(),
                    r.getRevision(),
                    r.getDecision(),
                    r.getComment(),
                    r.getDecidedBy(),
                    r.getDecidedAt().toInstant()));
  }

  public void insert(Flag f) {
    dsl.insertInto(CONTENT_FLAGS)
        .set(CONTENT_FLAGS.ID, f.id())
        .set(CONTENT_FLAGS.CONTENT_ID, f.contentId())
        .set(CONTENT_FLAGS.REPORTER_ID, f.reporterId())
        .set(CONTENT_FLAGS.REASON, f.reason())
        .set(CONTENT_FLAGS.CREATED_AT, utc(f.createdAt()))
        .execute();
  }

  public List<Flag> flags(UUID contentId) {
    return dsl.selectFrom(CONTENT_FLAGS)
        .where(CONTENT_FLAGS.CONTENT_ID.eq(contentId))
        .orderBy(CONTENT_FLAGS.CREATED_AT, CONTENT_FLAGS.ID)
        .fetch(this::flag);
  }

  /** Closes every open flag of the item with the admin's resolution. */
  public int resolveFlags(UUID contentId, String resolution, UUID adminId, Instant at) {
    return dsl.update(CONTENT_FLAGS)
        .set(CONTENT_FLAGS.RESOLUTION, resolution)
        .set(CONTENT_FLAGS.RESOLVED_BY, adminId)
        .set(CONTENT_FLAGS.RESOLVED_AT, utc(at))
        .where(CONTENT_FLAGS.CONTENT_ID.eq(contentId), CONTENT_FLAGS.RESOLUTION.isNull())
        .execute();
  }

  private Item item(ContentItemsRecord r) {
    return new Item(
        r.getId(),
        r.getCampaignId(),
        r.getInfluencerId(),
        ReviewStatus.valueOf(r.getReviewStatus()),
        Moderation.valueOf(r.getModeration()),
        r.getCurrentRevision(),
        r.getCreatedAt().toInstant(),
        r.getUpdatedAt().toInstant());
  }

  private Revision revision(ContentRevisionsRecord r) {
    return new Revision(
        r.getId(),
        r.getContentId(),
        r.getRevision(),
        r.getStorageKey(),
        r.getMediaType(),
        r.getSizeBytes(),
        r.getWidth(),
        r.getHeight(),
        r.getSha256(),
        r.getOriginalFilename(),
        r.getCaption(),
        r.getUploadedAt().toInstant());
  }

  private Flag flag(ContentFlagsRecord r) {
    return new Flag(
        r.getId(),
        r.getContentId(),
        r.getReporterId(),
        r.getReason(),
        r.getCreatedAt().toInstant(),
        r.getResolution(),
        r.getResolvedBy(),
        r.getResolvedAt() == null ? null : r.getResolvedAt().toInstant());
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
