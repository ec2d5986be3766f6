package io.influmeter.api.users;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.audit.AuditLog;
import io.influmeter.api.auth.Principal;
import io.influmeter.api.auth.Role;
import io.influmeter.api.auth.SessionRepository;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.http.Validation;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Own account, public profiles, and the admin's verification and suspension of accounts. */
public final class UserService {
  private final DSLContext dsl;
  private final Clock clock;
  private final ObjectMapper json;

  public UserService(DSLContext dsl, Clock clock, ObjectMapper json) {
    this.dsl = dsl;
    this.clock = clock;
    this.json = json;
  }

  public UserViews.Me me(Principal principal) {
    var users = new UserRepository(dsl);
    User user = users.findById(principal.userId()).orElseThrow(ApiException::unauthorized);
    return UserViews.me(users, user);
  }

  public UserViews.Me updateMe(
      Principal principal, UserRequests.UpdateMe request, String clientIp) {
    var validation = new Validation();
    validation.length("displayName", request.displayName(), 1, 100);
    validation.phone("phone", request.phone());
    if (request.brandProfile() != null) {
      validation.check(principal.role() == Role.BRAND, "brandProfile", "is only for brands");
      BrandProfile b = request.brandProfile();
      validation.length("brandProfile.organisationName", b.organisationName(), 1, 200);
      validation.url("brandProfile.website", b.website());
      validation.length("brandProfile.website", b.website(), 0, 2000);
      validation.length("brandProfile.industry", b.industry(), 0, 100);
      validation.check(
          b.country() == null || b.country().isEmpty() || b.country().matches("[A-Z]{2}"),
          "brandProfile.country",
          "must be an ISO 3166-1 alpha-2 code such as KE");
      validation.length("brandProfile.description", b.description(), 0, 2000);
    }
    if (request.creatorProfile() != null) {
      validation.check(
          principal.role() == Role.INFLUENCER, "creatorProfile", "is only for influencers");
      CreatorProfile c = request.creatorProfile();
      validation.check(
          c.handle() == null
              || c.handle().isEmpty()
              || CreatorProfile.HANDLE.matcher(c.handle()).matches(),
          "creatorProfile.handle",
          "must be 3-30 lower-case letters, digits, '_' or '.'");
      validation.length("creatorProfile.bio", c.bio(), 0, 2000);
      validation.length("creatorProfile.niche", c.niche(), 0, 100);
      validation.length("creatorProfile.region", c.region(), 0, 100);
    }
    validation.throwIfInvalid();
    Instant now = clock.instant();
    return dsl.transactionResult(
        tx -> {
          var tdsl = DSL.using(tx);
          var users = new UserRepository(tdsl);
          User user =
              users.findByIdForUpdate(principal.userId()).orElseThrow(ApiException::unauthorized);
          UserViews.Me before = UserViews.me(users, user);
          User updated =
              new User(
                  user.id(),
                  user.email(),
                  user.role(),
                  user.status(),
                  user.verified(),
                  request.displayName() == null
                      ? user.displayName()
                      : request.displayName().strip(),
                  merge(request.phone(), user.phone()),
                  user.createdAt(),
                  now);
          users.update(updated);
          if (request.brandProfile() != null) {
            BrandProfile old =
                users.brandProfile(user.id()).orElse(new BrandProfile("", null, null, null, null));
            BrandProfile b = request.brandProfile();
            users.saveBrandProfile(
                user.id(),
                new BrandProfile(
                    b.organisationName() == null
                        ? old.organisationName()
                        : b.organisationName().strip(),
                    merge(b.website(), old.website()),
                    merge(b.industry(), old.industry()),
                    merge(b.country(), old.country()),
                    merge(b.description(), old.description())));
          }
          if (request.creatorProfile() != null) {
            CreatorProfile old =
                users.creatorProfile(user.id()).orElse(new CreatorProfile(null, null, null, null));
            CreatorProfile c = request.creatorProfile();
            users.saveCreatorProfile(
                user.id(),
                new CreatorProfile(
                    merge(c.handle(), old.handle()),
                    merge(c.bio(), old.bio()),
                    merge(c.niche(), old.niche()),
                    merge(c.region(), old.region())));
          }
          UserViews.Me after = UserViews.me(users, updated);
          audit(
              tdsl,
              principal.userId(),
              "user.profile-updated",
              user.id(),
              before,
              after,
              clientIp,
              now);
          return after;
        });
  }

  /**
   * Anyone signed in may see an active brand's or influencer's public profile. Admins, suspended
   * accounts and unknown ids all give the same 404 (admins see suspended accounts too).
   */
  public UserViews.PublicProfile publicProfile(Principal principal, UUID id) {
    var users = new UserRepository(dsl);
    User user = users.findById(id).orElseThrow(ApiException::notFound);
    boolean visible =
        user.role() != Role.ADMIN && (user.active() || principal.role() == Role.ADMIN);
    if (!visible) {
      throw ApiException.notFound();
    }
    return UserViews.publicProfile(users, user);
  }

  public UserViews.AdminUser setVerified(
      Principal admin, UUID id, UserRequests.SetVerification request, String clientIp) {
    new Validation().required("verified", request.verified()).throwIfInvalid();
    return change(
        admin,
        id,
        clientIp,
        "user.verification-changed",
        user -> withFlags(user, user.status(), request.verified()));
  }

  public UserViews.AdminUser setStatus(
      Principal admin, UUID id, UserRequests.SetStatus request, String clientIp) {
    new Validation().required("status", request.status()).throwIfInvalid();
    if (admin.userId().equals(id)) {
      throw ApiException.conflict("cannot-change-own-status", "Admins cannot suspend themselves.");
    }
    return change(
        admin,
        id,
        clientIp,
        "user.status-changed",
        user -> withFlags(user, request.status(), user.verified()));
  }

  private UserViews.AdminUser change(
      Principal admin,
      UUID id,
      String clientIp,
      String action,
      java.util.function.UnaryOperator<User> edit) {
    Instant now = clock.instant();
    return dsl.transactionResult(
        tx -> {
          var tdsl = DSL.using(tx);
          var users = new UserRepository(tdsl);
          User user = users.findByIdForUpdate(id).orElseThrow(ApiException::notFound);
          User updated = edit.apply(user);
          updated =
              new User(
                  updated.id(),
                  updated.email(),
                  updated.role(),
                  updated.status(),
                  updated.verified(),
                  updated.displayName(),
                  updated.phone(),
                  updated.createdAt(),
                  now);
          users.update(updated);
          if (updated.status() == UserStatus.SUSPENDED && user.status() != UserStatus.SUSPENDED) {
            new SessionRepository(tdsl).revokeAllSessions(id, "suspended", now);
          }
          audit(
              tdsl,
              admin.userId(),
              action,
              id,
              UserViews.admin(user),
              UserViews.admin(updated),
              clientIp,
              now);
          return UserViews.admin(updated);
        });
  }

  private void audit(
      DSLContext tdsl,
      UUID actor,
      String action,
      UUID target,
      Object before,
      Object after,
      String clientIp,
      Instant now) {
    new AuditLog(tdsl, json)
        .record(
            new AuditLog.Change(actor, action, "user", target.toString(), before, after, clientIp),
            now);
  }

  private static User withFlags(User user, UserStatus status, boolean verified) {
    return new User(
        user.id(),
        user.email(),
        user.role(),
        status,
        verified,
        user.displayName(),
        user.phone(),
        user.createdAt(),
        user.updatedAt());
  }

  /** null keeps the old value, "" clears it. */
  private static String merge(String update, String old) {
    if (update == null) {
      return old;
    }
    String stripped = update.strip();
    return stripped.isEmpty() ? null : stripped;
  }
}
