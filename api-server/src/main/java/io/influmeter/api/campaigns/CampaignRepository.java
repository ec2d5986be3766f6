package io.influmeter.api.campaigns;

import static io.influmeter.api.db.Tables.CAMPAIGNS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.campaigns.Campaign.CampaignTerms;
import io.influmeter.api.db.tables.records.CampaignsRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.impl.DSL;

/** Campaign rows in and out; generated records never leave this class. */
final class CampaignRepository {
  private final DSLContext dsl;
  private final ObjectMapper json;

  CampaignRepository(DSLContext dsl, ObjectMapper json) {
    this.dsl = dsl;
    this.json = json;
  }

  void insert(Campaign c) {
    CampaignsRecord r = dsl.newRecord(CAMPAIGNS);
    fill(r, c);
    r.setId(c.id());
    r.setBrandId(c.brandId());
    r.setCreatedAt(at(c.createdAt()));
    r.setVersion(c.version());
    r.insert();
  }

  Optional<Campaign> find(UUID id) {
    return dsl.selectFrom(CAMPAIGNS).where(CAMPAIGNS.ID.eq(id)).fetchOptional(this::toCampaign);
  }

  /** Newest first; {@code brandId} and {@code status} filter when not null. */
  List<Campaign> list(UUID brandId, CampaignStatus status, int limit, int offset) {
    Condition where = DSL.noCondition();
    if (brandId != null) {
      where = where.and(CAMPAIGNS.BRAND_ID.eq(brandId));
    }
    if (status != null) {
      where = where.and(CAMPAIGNS.STATUS.eq(status.name()));
    }
    return dsl.selectFrom(CAMPAIGNS)
        .where(where)
        .orderBy(CAMPAIGNS.CREATED_AT.desc(), CAMPAIGNS.ID.desc())
        .limit(limit)
        .offset(offset)
        .fetch(this::toCampaign);
  }

  /**
   * Compare-and-set on {@code version}: writes only if nobody changed the row since {@code c} was
   * read, and bumps the version. False means a concurrent edit or transition won.
   */
  boolean update(Campaign c) {
    CampaignsRecord r = dsl.newRecord(CAMPAIGNS);
    fill(r, c);
    r.setVersion(c.version() + 1);
    r.changed(CAMPAIGNS.ID, false);
    r.changed(CAMPAIGNS.BRAND_ID, false);
    r.changed(CAMPAIGNS.CREATED_AT, false);
    return dsl.update(CAMPAIGNS)
            .set(r)
            .where(CAMPAIGNS.ID.eq(c.id()).and(CAMPAIGNS.VERSION.eq(c.version())))
            .execute()
        == 1;
  }

  /** Ids of campaigns in {@code status} whose {@code field} time has passed, oldest first. */
  List<UUID> due(CampaignStatus status, boolean byEnd, Instant now) {
    var field = byEnd ? CAMPAIGNS.ENDS_AT : CAMPAIGNS.STARTS_AT;
    return dsl.select(CAMPAIGNS.ID)
        .from(CAMPAIGNS)
        .where(CAMPAIGNS.STATUS.eq(status.name()).and(field.le(at(now))))
        .orderBy(field)
        .limit(500)
        .fetch(CAMPAIGNS.ID);
  }

  private void fill(CampaignsRecord r, Campaign c) {
    CampaignTerms t = c.terms();
    r.setName(t.name());
    r.setBrief(t.brief());
    r.setObjective(t.objective());
    r.setBudgetMinor(t.budgetMinor());
    r.setCurrency(t.currency());
    r.setStartsAt(at(t.startsAt()));
    r.setEndsAt(at(t.endsAt()));
    r.setCommissionType(t.commission().type().name());
    r.setCommissionPercent(t.commission().percent());
    r.setCommissionFixedMinor(t.commission().fixedMinor());
    r.setAttributionLookbackDays(t.attributionLookbackDays());
    r.setAttributionModel(t.attributionModel());
    r.setTargetFilters(JSON.valueOf(write(t.targetFilters())));
    r.setLandingUrl(t.landingUrl());
    r.setFallbackUrl(t.fallbackUrl());
    r.setUtmTemplate(JSON.valueOf(write(t.utmTemplate())));
    r.setAllowUtmPassthrough(t.allowUtmPassthrough());
    r.setStatus(c.status().name());
    r.setRejectionReason(c.rejectionReason());
    r.setSubmittedAt(at(c.submittedAt()));
    r.setDecidedAt(at(c.decidedAt()));
    r.setDecidedBy(c.decidedBy());
    r.setClosedAt(at(c.closedAt()));
    r.setUpdatedAt(at(c.updatedAt()));
  }

  private Campaign toCampaign(CampaignsRecord r) {
    Commission commission =
        Commission.Type.valueOf(r.getCommissionType()) == Commission.Type.PERCENTAGE
            ? Commission.percentage(r.getCommissionPercent())
            : Commission.fixed(r.getCommissionFixedMinor());
    var terms =
        new CampaignTerms(
            r.getName(),
            r.getBrief(),
            r.getObjective(),
            r.getBudgetMinor(),
            r.getCurrency(),
            r.getStartsAt().toInstant(),
            r.getEndsAt().toInstant(),
            commission,
            r.getAttributionLookbackDays(),
            r.getAttributionModel(),
            read(r.getTargetFilters(), new TypeReference<TargetFilters>() {}),
            r.getLandingUrl(),
            r.getFallbackUrl(),
            Map.copyOf(read(r.getUtmTemplate(), new TypeReference<Map<String, String>>() {})),
            r.getAllowUtmPassthrough());
    return new Campaign(
        r.getId(),
        r.getBrandId(),
        terms,
        CampaignStatus.valueOf(r.getStatus()),
        r.getRejectionReason(),
        instant(r.getSubmittedAt()),
        instant(r.getDecidedAt()),
        r.getDecidedBy(),
        instant(r.getClosedAt()),
        r.getCreatedAt().toInstant(),
        r.getUpdatedAt().toInstant(),
        r.getVersion());
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise campaign JSON", e);
    }
  }

  private <T> T read(JSON value, TypeReference<T> type) {
    try {
      return json.readValue(value.data(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable campaign JSON", e);
    }
  }

  static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
