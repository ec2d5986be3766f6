package io.influmeter.api.campaigns;

import static io.influmeter.api.db.Tables.BRAND_PROFILES;
import static io.influmeter.api.db.Tables.USERS;

import java.util.UUID;
import org.jooq.DSLContext;

/** The user facts an invitation needs: who may be invited, and how the brand is named. */
final class InvitationLookups {
  private final DSLContext dsl;

  InvitationLookups(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** True if the user exists, is an influencer and is not suspended. */
  boolean activeInfluencer(UUID userId) {
    return dsl.fetchExists(
        USERS, USERS.ID.eq(userId).and(USERS.ROLE.eq("INFLUENCER")).and(USERS.STATUS.eq("ACTIVE")));
  }

  /** The name e-mails use for a brand: its organisation, else its display name. */
  String brandName(UUID brandId) {
    String organisation =
        dsl.select(BRAND_PROFILES.ORGANISATION_NAME)
            .from(BRAND_PROFILES)
            .where(BRAND_PROFILES.USER_ID.eq(brandId))
            .fetchOne(BRAND_PROFILES.ORGANISATION_NAME);
    if (organisation != null && !organisation.isBlank()) {
      return organisation;
    }
    return dsl.select(USERS.DISPLAY_NAME)
        .from(USERS)
        .where(USERS.ID.eq(brandId))
        .fetchOne(USERS.DISPLAY_NAME);
  }
}
