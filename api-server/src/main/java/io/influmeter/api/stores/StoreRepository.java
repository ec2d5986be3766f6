package io.influmeter.api.stores;

import static io.influmeter.api.db.Tables.STORES;

import io.influmeter.api.db.tables.records.StoresRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** Rows of {@code stores}; secrets go in and out sealed only. */
final class StoreRepository {
  private final DSLContext dsl;

  StoreRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** A stored store; {@code sealedSecret} is the column as stored. */
  record Row(
      UUID id,
      UUID brandId,
      StorePlatform platform,
      String displayName,
      String currency,
      String sealedSecret,
      Instant previousSecretExpiresAt,
      Instant createdAt,
      Instant updatedAt) {}

  void insert(Row row) {
    dsl.insertInto(STORES)
        .set(STORES.ID, row.id())
        .set(STORES.BRAND_ID, row.brandId())
        .set(STORES.PLATFORM, row.platform().name())
        .set(STORES.DISPLAY_NAME, row.displayName())
        .set(STORES.CURRENCY, row.currency())
        .set(STORES.SIGNING_SECRET, row.sealedSecret())
        .set(STORES.CREATED_AT, row.createdAt().atOffset(ZoneOffset.UTC))
        .set(STORES.UPDATED_AT, row.updatedAt().atOffset(ZoneOffset.UTC))
        .execute();
  }

  List<Row> ofBrand(UUID brandId) {
    return dsl.selectFrom(STORES)
        .where(STORES.BRAND_ID.eq(brandId))
        .orderBy(STORES.CREATED_AT, STORES.ID)
        .fetch(StoreRepository::toRow);
  }

  Optional<Row> findForUpdate(UUID id) {
    return dsl.selectFrom(STORES)
        .where(STORES.ID.eq(id))
        .forUpdate()
        .fetchOptional(StoreRepository::toRow);
  }

  /** The new sealed secret becomes current; the old sealed one keeps verifying until expiry. */
  void rotate(UUID id, String newSealed, String previousSealed, Instant expires, Instant now) {
    dsl.update(STORES)
        .set(STORES.SIGNING_SECRET, newSealed)
        .set(STORES.PREVIOUS_SIGNING_SECRET, previousSealed)
        .set(STORES.PREVIOUS_SECRET_EXPIRES_AT, expires.atOffset(ZoneOffset.UTC))
        .set(STORES.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
        .where(STORES.ID.eq(id))
        .execute();
  }

  private static Row toRow(StoresRecord r) {
    OffsetDateTime expires = r.getPreviousSecretExpiresAt();
    return new Row(
        r.getId(),
        r.getBrandId(),
        StorePlatform.valueOf(r.getPlatform()),
        r.getDisplayName(),
        r.getCurrency(),
        r.getSigningSecret(),
        expires == null ? null : expires.toInstant(),
        r.getCreatedAt().toInstant(),
        r.getUpdatedAt().toInstant());
  }
}
