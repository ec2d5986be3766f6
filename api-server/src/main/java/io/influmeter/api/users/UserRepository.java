package io.influmeter.api.users;

import static io.influmeter.api.db.Tables.BRAND_PROFILES;
import static io.influmeter.api.db.Tables.CREATOR_PROFILES;
import static io.influmeter.api.db.Tables.USERS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.auth.Role;
import io.influmeter.api.db.tables.records.UsersRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSON;

/** Users and their profiles. Generated records stay in here; callers get domain records. */
public final class UserRepository {
  private final DSLContext dsl;

  public UserRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** An identity provider whose subject id we store on the account. */
  public enum Provider {
    GOOGLE,
    FACEBOOK
  }

  public void insert(User user, String passwordHash, Provider provider, String subject) {
    dsl.insertInto(USERS)
        .set(USERS.ID, user.id())
        .set(USERS.EMAIL, user.email())
        .set(USERS.PASSWORD_HASH, passwordHash)
        .set(USERS.ROLE, user.role().name())
        .set(USERS.STATUS, user.status().name())
        .set(USERS.VERIFIED, user.verified())
        .set(USERS.DISPLAY_NAME, user.displayName())
        .set(USERS.PHONE, user.phone())
        .set(USERS.GOOGLE_SUBJECT, provider == Provider.GOOGLE ? subject : null)
        .set(USERS.FACEBOOK_SUBJECT, provider == Provider.FACEBOOK ? subject : null)
        .set(USERS.CREATED_AT, user.createdAt().atOffset(ZoneOffset.UTC))
        .set(USERS.UPDATED_AT, user.updatedAt().atOffset(ZoneOffset.UTC))
        .execute();
  }

  public Optional<User> findById(UUID id) {
    return dsl.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional(UserRepository::toUser);
  }

  public Optional<User> findByIdForUpdate(UUID id) {
    return dsl.selectFrom(USERS)
        .where(USERS.ID.eq(id))
        .forUpdate()
        .fetchOptional(UserRepository::toUser);
  }

  public Optional<User> findByEmail(String normalisedEmail) {
    return dsl.selectFrom(USERS)
        .where(USERS.EMAIL.eq(normalisedEmail))
        .fetchOptional(UserRepository::toUser);
  }

  public Optional<User> findBySubject(Provider provider, String subject) {
    return dsl.selectFrom(USERS)
        .where(subjectField(provider).eq(subject))
        .fetchOptional(UserRepository::toUser);
  }

  /** The stored password hash, or null for accounts that only sign in with Google. */
  public String passwordHash(UUID id) {
    return dsl.select(USERS.PASSWORD_HASH)
        .from(USERS)
        .where(USERS.ID.eq(id))
        .fetchOne(USERS.PASSWORD_HASH);
  }

  public void link(UUID id, Provider provider, String subject, Instant now) {
    dsl.update(USERS)
        .set(subjectField(provider), subject)
        .set(USERS.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
        .where(USERS.ID.eq(id))
        .execute();
  }

  public void update(User user) {
    dsl.update(USERS)
        .set(USERS.DISPLAY_NAME, user.displayName())
        .set(USERS.PHONE, user.phone())
        .set(USERS.STATUS, user.status().name())
        .set(USERS.VERIFIED, user.verified())
        .set(USERS.UPDATED_AT, user.updatedAt().atOffset(ZoneOffset.UTC))
        .where(USERS.ID.eq(user.id()))
        .execute();
  }

  public boolean anyAdmin() {
    return dsl.fetchExists(USERS, USERS.ROLE.eq(Role.ADMIN.name()));
  }

  public Optional<BrandProfile> brandProfile(UUID userId) {
    return dsl.selectFrom(BRAND_PROFILES)
        .where(BRAND_PROFILES.USER_ID.eq(userId))
        .fetchOptional(
            r ->
                new BrandProfile(
                    r.getOrganisationName(),
                    r.getWebsite(),
                    r.getIndustry(),
                    r.getCountry(),
                    r.getDescription()));
  }

  public Optional<CreatorProfile> creatorProfile(UUID userId) {
    return dsl.selectFrom(CREATOR_PROFILES)
        .where(CREATOR_PROFILES.USER_ID.eq(userId))
        .fetchOptional(
            r -> new CreatorProfile(r.getHandle(), r.getBio(), r.getNiche(), r.getRegion()));
  }

  public void saveBrandProfile(UUID userId, BrandProfile profile) {
    dsl.insertInto(BRAND_PROFILES)
        .set(BRAND_PROFILES.USER_ID, userId)
        .set(BRAND_PROFILES.ORGANISATION_NAME, profile.organisationName())
        .set(BRAND_PROFILES.WEBSITE, profile.website())
        .set(BRAND_PROFILES.INDUSTRY, profile.industry())
        .set(BRAND_PROFILES.COUNTRY, profile.country())
        .set(BRAND_PROFILES.DESCRIPTION, profile.description())
        .onConflict(BRAND_PROFILES.USER_ID)
        .doUpdate()
        .set(BRAND_PROFILES.ORGANISATION_NAME, profile.organisationName())
        .set(BRAND_PROFILES.WEBSITE, profile.website())
        .set(BRAND_PROFILES.INDUSTRY, profile.industry())
        .set(BRAND_PROFILES.COUNTRY, profile.country())
        .set(BRAND_PROFILES.DESCRIPTION, profile.description())
        .execute();
  }

  public void saveCreatorProfile(UUID userId, CreatorProfile profile) {
    dsl.insertInto(CREATOR_PROFILES)
        .set(CREATOR_PROFILES.USER_ID, userId)
        .set(CREATOR_PROFILES.HANDLE, profile.handle())
        .set(CREATOR_PROFILES.BIO, profile.bio())
        .set(CREATOR_PROFILES.NICHE, profile.niche())
        .set(CREATOR_PROFILES.REGION, profile.region())
        .onConflict(CREATOR_PROFILES.USER_ID)
        .doUpdate()
        .set(CREATOR_PROFILES.HANDLE, profile.handle())
        .set(CREATOR_PROFILES.BIO, profile.bio())
        .set(CREATOR_PROFILES.NICHE, profile.niche())
        .set(CREATOR_PROFILES.REGION, profile.region())
        .execute();
  }

  /** The targeting facts of a creator profile (empty when the influencer has no profile yet). */
  public CreatorTargeting creatorTargeting(UUID userId) {
    return dsl.selectFrom(CREATOR_PROFILES)
        .where(CREATOR_PROFILES.USER_ID.eq(userId))
        .fetchOptional(
            r ->
                new CreatorTargeting(
                    r.getGender(),
                    readJson(r.getLanguages(), STRING_LIST),
                    readJson(r.getPlatforms(), STRING_MAP),
                    r.getFollowersTotal(),
                    r.getEngagementRate()))
        .orElse(CreatorTargeting.empty());
  }

  /**
   * Saves what the influencer declares for targeting; the row must exist ({@link
   * #saveCreatorProfile} first). Followers and engagement rate are left alone: only social metrics
   * write them.
   */
  public void saveCreatorTargeting(UUID userId, CreatorTargeting targeting) {
    dsl.update(CREATOR_PROFILES)
        .set(CREATOR_PROFILES.GENDER, targeting.gender())
        .set(CREATOR_PROFILES.LANGUAGES, writeJson(targeting.languages()))
        .set(CREATOR_PROFILES.PLATFORMS, writeJson(targeting.platforms()))
        .where(CREATOR_PROFILES.USER_ID.eq(userId))
        .execute();
  }

  private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
  private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private static <T> T readJson(JSON value, TypeReference<T> type) {
    if (value == null) {
      return null;
    }
    try {
      return JSON_MAPPER.readValue(value.data(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable creator profile column", e);
    }
  }

  private static JSON writeJson(Object value) {
    try {
      return JSON.valueOf(JSON_MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a creator profile column", e);
    }
  }

  private static org.jooq.TableField<io.influmeter.api.db.tables.records.UsersRecord, String>
      subjectField(Provider provider) {
    return switch (provider) {
      case GOOGLE -> USERS.GOOGLE_SUBJECT;
      case FACEBOOK -> USERS.FACEBOOK_SUBJECT;
    };
  }

  private static User toUser(UsersRecord r) {
    return new User(
        r.getId(),
        r.getEmail(),
        Role.valueOf(r.getRole()),
        UserStatus.valueOf(r.getStatus()),
        r.getVerified(),
        r.getDisplayName(),
        r.getPhone(),
        r.getCreatedAt().toInstant(),
        r.getUpdatedAt().toInstant());
  }
}
