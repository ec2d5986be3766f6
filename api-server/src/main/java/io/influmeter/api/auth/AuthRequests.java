package io.influmeter.api.auth;

import io.influmeter.api.users.UserViews;

/** Bodies of the /auth routes. */
public final class AuthRequests {
  private AuthRequests() {}

  /** Self-registration; admins are created by admins ({@code POST /admin/admins}). */
  public record Register(
      String email, String password, Role role, String displayName, String organisationName) {}

  public record Login(String email, String password) {}

  public record Refresh(String refreshToken) {}

  public record GoogleSignIn(String idToken) {}

  /**
   * The code Facebook sent to {@code redirectUri}, which must be the URI the code was issued for.
   */
  public record FacebookSignIn(String code, String redirectUri) {}

  public record CreateAdmin(String email, String password, String displayName) {}

  /** What every successful sign-in returns. */
  public record TokenResponse(
      String accessToken,
      String tokenType,
      long expiresIn,
      String refreshToken,
      UserViews.Me user) {}
}
