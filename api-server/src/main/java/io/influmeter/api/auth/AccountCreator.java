package io.influmeter.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.audit.AuditLog;
import io.influmeter.api.auth.AuthRequests.TokenResponse;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.users.BrandProfile;
import io.influmeter.api.users.CreatorProfile;
import io.influmeter.api.users.User;
import io.influmeter.api.users.UserRepository;
import io.influmeter.api.users.UserStatus;
import io.influmeter.api.users.UserViews;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;
import org.jooq.impl.DSL;

/**
 * Creates an account with its empty profile and its audit entry, and signs it in, in one
 * transaction. A taken email (or provider subject) is a 409, decided by the unique constraints, so
 * two simultaneous sign-ups cannot both win.
 */
final class AccountCreator {
  private final DSLContext dsl;
  private final Clock clock;
  private final SessionService sessions;
  private final ObjectMapper json;

  /**
   * What to create.
   *
   * @param email normalised email
   * @param passwordHash Argon2id hash, or null for accounts that sign in through a provider
   * @param provider the identity provider, or null
   * @param subject the provider's user id, or null
   * @param role the account's role
   * @param displayName shown to others
   * @param organisationName brands only
   * @param actorId who creates it (null: the new user themselves)
   * @param clientIp for the audit entry
   */
  record NewAccount(
      String email,
      String passwordHash,
      UserRepository.Provider provider,
      String subject,
      Role role,
      String displayName,
      String organisationName,
      UUID actorId,
      String clientIp) {}

  AccountCreator(DSLContext dsl, Clock clock, SessionService sessions, ObjectMapper json) {
    this.dsl = dsl;
    this.clock = clock;
    this.sessions = sessions;
    this.json = json;
  }

  TokenResponse create(NewAccount account) {
    String email = account.email();
    Role role = account.role();
    String organisationName = account.organisationName();
    UUID actorId = account.actorId();
    Instant now = clock.instant();
    var user =
        new User(
            UUID.randomUUID(),
            email,
            role,
            UserStatus.ACTIVE,
            false,
            account.displayName(),
            null,
            now,
            now);
    try {
      return dsl.transactionResult(
          tx -> {
            var tdsl = DSL.using(tx);
            var users = new UserRepository(tdsl);
            users.insert(user, account.passwordHash(), account.provider(), account.subject());
            switch (role) {
              case BRAND ->
                  users.saveBrandProfile(
                      user.id(),
                      new BrandProfile(organisationName.strip(), null, null, null, null));
              case INFLUENCER ->
                  users.saveCreatorProfile(user.id(), new CreatorProfile(null, null, null, null));
              case ADMIN -> {
                // Admins have no public profile.
              }
            }
            new AuditLog(tdsl, json)
                .record(
                    new AuditLog.Change(
                        actorId == null ? user.id() : actorId,
                        "user.created",
                        "user",
                        user.id().toString(),
                        null,
                        UserViews.admin(user),
                        account.clientIp()),
                    now);
            return sessions.start(tdsl, user);
          });
    } catch (DataAccessException e) {
      if (e.sqlStateClass() != SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION) {
        throw e;
      }
      throw ApiException.conflict("email-taken", "An account with this email already exists.");
    }
  }
}
