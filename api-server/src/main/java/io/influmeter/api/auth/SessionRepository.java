package io.influmeter.api.auth;

import static io.influmeter.api.db.Tables.REFRESH_TOKENS;
import static io.influmeter.api.db.Tables.SESSIONS;
import static io.influmeter.api.db.Tables.USERS;

import io.influmeter.api.users.UserStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** Sign-in sessions and their refresh tokens (one session = one refresh-token family). */
public final class SessionRepository {
  private final DSLContext dsl;

  public SessionRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** A refresh token row, locked for the rest of the transaction. */
  public record StoredRefreshToken(
      UUID id, UUID sessionId, UUID userId, Instant expiresAt, Instant usedAt, Instant revokedAt) {}

  public void createSession(UUID sessionId, UUID userId, Instant now) {
    dsl.insertInto(SESSIONS)
        .set(SESSIONS.ID, sessionId)
        .set(SESSIONS.USER_ID, userId)
        .set(SESSIONS.CREATED_AT, utc(now))
        .execute();
  }

  public void addRefreshToken(UUID sessionId, String tokenHash, Instant now, Instant expiresAt) {
    dsl.insertInto(REFRESH_TOKENS)
        .set(REFRESH_TOKENS.ID, UUID.randomUUID())
        .set(REFRESH_TOKENS.SESSION_ID, sessionId)
        .set(REFRESH_TOKENS.TOKEN_HASH, tokenHash)
        .set(REFRESH_TOKENS.ISSUED_AT, utc(now))
        .set(REFRESH_TOKENS.EXPIRES_AT, utc(expiresAt))
        .execute();
  }

  public Optional<StoredRefreshToken> findRefreshTokenForUpdate(String tokenHash) {
    return dsl.select(
            REFRESH_TOKENS.ID,
            REFRESH_TOKENS.SESSION_ID,
            SESSIONS.USER_ID,
            REFRESH_TOKENS.EXPIRES_AT,
            REFRESH_TOKENS.USED_AT,
            SESSIONS.REVOKED_AT)
        .from(REFRESH_TOKENS)
        .join(SESSIONS)
        .on(SESSIONS.ID.eq(REFRESH_TOKENS.SESSION_ID))
        .where(REFRESH_TOKENS.TOKEN_HASH.eq(tokenHash))
        .forUpdate()
        .fetchOptional(
            r ->
                new StoredRefreshToken(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4().toInstant(),
                    instant(r.value5()),
                    instant(r.value6())));
  }

  public void markUsed(UUID refreshTokenId, Instant now) {
    dsl.update(REFRESH_TOKENS)
        .set(REFRESH_TOKENS.USED_AT, utc(now))
        .where(REFRESH_TOKENS.ID.eq(refreshTokenId))
        .execute();
  }

  /** Revokes a session: its refresh tokens and its access tokens stop working. */
  public boolean revokeSession(UUID sessionId, String reason, Instant now) {
    return dsl.update(SESSIONS)
            .set(SESSIONS.REVOKED_AT, utc(now))
            .set(SESSIONS.REVOKED_REASON, reason)
            .where(SESSIONS.ID.eq(sessionId))
            .and(SESSIONS.REVOKED_AT.isNull())
            .execute()
        > 0;
  }

  public int revokeAllSessions(UUID userId, String reason, Instant now) {
    return dsl.update(SESSIONS)
        .set(SESSIONS.REVOKED_AT, utc(now))
        .set(SESSIONS.REVOKED_REASON, reason)
        .where(SESSIONS.USER_ID.eq(userId))
        .and(SESSIONS.REVOKED_AT.isNull())
        .execute();
  }

  /**
   * The current role of the user when the account is active and the session live; empty otherwise.
   * One query per authenticated request: the price of instant logout and suspension.
   */
  public Optional<Role> liveRole(UUID userId, UUID sessionId) {
    return dsl.select(USERS.ROLE)
        .from(SESSIONS)
        .join(USERS)
        .on(USERS.ID.eq(SESSIONS.USER_ID))
        .where(SESSIONS.ID.eq(sessionId))
        .and(SESSIONS.USER_ID.eq(userId))
        .and(SESSIONS.REVOKED_AT.isNull())
        .and(USERS.STATUS.eq(UserStatus.ACTIVE.name()))
        .fetchOptional(r -> Role.valueOf(r.value1()));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }
}
