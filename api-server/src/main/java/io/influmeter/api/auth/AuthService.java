package io.influmeter.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.auth.AuthRequests.TokenResponse;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.http.Validation;
import io.influmeter.api.users.Emails;
import io.influmeter.api.users.User;
import io.influmeter.api.users.UserRepository;
import io.influmeter.api.users.UserViews;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Sign-up and sign-in: email + password (with brute-force throttling), Google, Facebook. Each
 * successful sign-in starts a session ({@link SessionService}). Password hashing runs outside
 * transactions: it is deliberately slow.
 */
public final class AuthService {
  private final DSLContext dsl;
  private final Clock clock;
  private final PasswordHasher hasher;
  private final PasswordPolicy policy;
  private final SessionService sessions;
  private final AccountCreator accounts;
  private final LoginThrottle throttle;
  private final Optional<GoogleSignIn> google;
  private final Optional<FacebookSignIn> facebook;
  private final ObjectMapper json;

  public AuthService(
      DSLContext dsl,
      Clock clock,
      PasswordHasher hasher,
      PasswordPolicy policy,
      SessionService sessions,
      LoginThrottle throttle,
      Optional<GoogleSignIn> google,
      Optional<FacebookSignIn> facebook,
      ObjectMapper json) {
    this.dsl = dsl;
    this.clock = clock;
    this.hasher = hasher;
    this.policy = policy;
    this.sessions = sessions;
    this.accounts = new AccountCreator(dsl, clock, sessions, json);
    this.throttle = throttle;
    this.google = google;
    this.facebook = facebook;
    this.json = json;
  }

  public TokenResponse register(AuthRequests.Register request, String clientIp) {
    String email = Emails.normalise(request.email());
    var validation = new Validation().required("email", email);
    validation.check(email == null || Emails.plausible(email), "email", "is not an email address");
    validation.required("role", request.role());
    validation.check(
        request.role() == null || request.role() != Role.ADMIN,
        "role",
        "must be INFLUENCER or BRAND");
    validation.required("displayName", request.displayName());
    validation.length("displayName", request.displayName(), 1, 100);
    if (request.role() == Role.BRAND) {
      validation.required("organisationName", request.organisationName());
      validation.length("organisationName", request.organisationName(), 1, 200);
    } else {
      validation.check(
          request.organisationName() == null, "organisationName", "is only for brands");
    }
    policy
        .problem(request.password(), email)
        .ifPresent(p -> validation.check(false, "password", p));
    validation.throwIfInvalid();
    String hash = hasher.hash(request.password());
    return accounts.create(
        new AccountCreator.NewAccount(
            email,
            hash,
            null,
            null,
            request.role(),
            request.displayName().strip(),
            request.organisationName(),
            null,
            clientIp));
  }

  public UserViews.Me createAdmin(
      AuthRequests.CreateAdmin request, Principal actor, String clientIp) {
    String email = Emails.normalise(request.email());
    var validation = new Validation().required("email", email);
    validation.check(email == null || Emails.plausible(email), "email", "is not an email address");
    validation.required("displayName", request.displayName());
    validation.length("displayName", request.displayName(), 1, 100);
    policy
        .problem(request.password(), email)
        .ifPresent(p -> validation.check(false, "password", p));
    validation.throwIfInvalid();
    String hash = hasher.hash(request.password());
    return accounts
        .create(
            new AccountCreator.NewAccount(
                email,
                hash,
                null,
                null,
                Role.ADMIN,
                request.displayName().strip(),
                null,
                actor.userId(),
                clientIp))
        .user();
  }

  /** Creates the configured first admin when no admin exists yet; a no-op otherwise. */
  public boolean bootstrapAdmin(String rawEmail, String password) {
    String email = Emails.normalise(rawEmail);
    if (!Emails.plausible(email)) {
      throw new IllegalArgumentException("BOOTSTRAP_ADMIN_EMAIL is not an email address");
    }
    policy
        .problem(password, email)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("BOOTSTRAP_ADMIN_PASSWORD " + p);
            });
    if (new UserRepository(dsl).anyAdmin()) {
      return false;
    }
    accounts.create(
        new AccountCreator.NewAccount(
            email,
            hasher.hash(password),
            null,
            null,
            Role.ADMIN,
            "Administrator",
            null,
            null,
            null));
    return true;
  }

  public TokenResponse login(AuthRequests.Login request, String clientIp) {
    String email = Emails.normalise(request.email());
    var validation =
        new Validation().required("email", email).required("password", request.password());
    validation.length("password", request.password(), 1, PasswordPolicy.MAX_LENGTH);
    validation.throwIfInvalid();
    String emailKey = LoginThrottle.emailKey(email);
    String ipKey = LoginThrottle.ipKey(clientIp);
    // Checked before the password: a locked account gives no hint whether a guess was right.
    Optional<Duration> locked = throttle.lockedFor(List.of(emailKey, ipKey));
    if (locked.isPresent()) {
      throw ApiException.tooManyRequests("login-locked", locked.get().toSeconds() + 1);
    }
    var users = new UserRepository(dsl);
    Optional<User> user = users.findByEmail(email);
    boolean ok;
    if (user.isPresent()) {
      ok = hasher.verify(request.password(), users.passwordHash(user.get().id()));
    } else {
      hasher.burnVerification(request.password());
      ok = false;
    }
    if (!ok) {
      throttle.recordFailure(emailKey, ipKey);
      throw ApiException.invalidCredentials();
    }
    throttle.recordSuccess(emailKey);
    requireActive(user.get());
    return dsl.transactionResult(tx -> sessions.start(DSL.using(tx), user.get()));
  }

  public TokenResponse signInWithGoogle(AuthRequests.GoogleSignIn request, String clientIp) {
    GoogleSignIn verifier = google.orElseThrow(ApiException::notFound);
    new Validation().required("idToken", request.idToken()).throwIfInvalid();
    GoogleSignIn.GoogleIdentity identity =
        verifier.verify(request.idToken()).orElseThrow(ApiException::invalidCredentials);
    return externalSignIn(
        UserRepository.Provider.GOOGLE,
        identity.subject(),
        identity.email(),
        identity.name(),
        clientIp);
  }

  public TokenResponse signInWithFacebook(AuthRequests.FacebookSignIn request, String clientIp) {
    FacebookSignIn client = facebook.orElseThrow(ApiException::notFound);
    new Validation()
        .required("code", request.code())
        .required("redirectUri", request.redirectUri())
        .url("redirectUri", request.redirectUri())
        .throwIfInvalid();
    FacebookSignIn.FacebookIdentity identity =
        client
            .exchange(request.code(), request.redirectUri())
            .orElseThrow(ApiException::invalidCredentials);
    if (identity.email() == null) {
      throw new ApiException(
          400,
          "email-required",
          "Email required",
          "Your Facebook account has no confirmed email; sign up with email and password instead.",
          List.of(),
          Map.of());
    }
    return externalSignIn(
        UserRepository.Provider.FACEBOOK,
        identity.subject(),
        identity.email(),
        identity.name(),
        clientIp);
  }

  /**
   * Sign-in with an identity a provider vouches for (its email is verified): the account with that
   * provider subject, else the influencer with that email (linked now), else a new influencer.
   * Brand and admin accounts are never taken over this way.
   */
  private TokenResponse externalSignIn(
      UserRepository.Provider provider,
      String subject,
      String rawEmail,
      String name,
      String clientIp) {
    String email = Emails.normalise(rawEmail);
    Optional<TokenResponse> existing =
        dsl.transactionResult(
            tx -> {
              var tdsl = DSL.using(tx);
              var users = new UserRepository(tdsl);
              Optional<User> user = users.findBySubject(provider, subject);
              if (user.isEmpty()) {
                user = users.findByEmail(email);
                if (user.isPresent()) {
                  if (user.get().role() != Role.INFLUENCER) {
                    throw ApiException.conflict(
                        "external-sign-in-not-allowed",
                        "Google and Facebook sign-in are for influencer accounts; sign in with your password.");
                  }
                  users.link(user.get().id(), provider, subject, clock.instant());
                }
              }
              if (user.isEmpty()) {
                return Optional.empty();
              }
              requireActive(user.get());
              return Optional.of(sessions.start(tdsl, user.get()));
            });
    if (existing.isPresent()) {
      return existing.get();
    }
    String displayName = name == null || name.isBlank() ? email.split("@")[0] : name;
    return accounts.create(
        new AccountCreator.NewAccount(
            email,
            null,
            provider,
            subject,
            Role.INFLUENCER,
            truncate(displayName, 100),
            null,
            null,
            clientIp));
  }

  private static void requireActive(User user) {
    if (!user.active()) {
      throw new ApiException(
          403,
          "account-suspended",
          "Account suspended",
          "This account is suspended.",
          List.of(),
          Map.of());
    }
  }

  private static String truncate(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max);
  }
}
