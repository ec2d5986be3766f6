package io.influmeter.api.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.influmeter.api.auth.Role;
import java.time.Instant;
import java.util.UUID;

/** What the API shows of a user: everything to the owner, a masked profile to everybody else. */
public final class UserViews {
  private UserViews() {}

  /** The owner's view of their own account. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Me(
      UUID id,
      String email,
      Role role,
      UserStatus status,
      boolean verified,
      String displayName,
      String phone,
      BrandProfile brandProfile,
      CreatorProfile creatorProfile,
      Instant createdAt) {}

  /**
   * The public profile (Discover): no email, phone, tokens, status or earnings, only what the user
   * chose to publish.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PublicProfile(
      UUID id,
      Role role,
      String displayName,
      boolean verified,
      BrandProfile brandProfile,
      CreatorProfile creatorProfile) {}

  /** What an admin sees in user management. */
  public record AdminUser(
      UUID id, String email, Role role, UserStatus status, boolean verified, String displayName) {}

  public static Me me(UserRepository users, User user) {
    return new Me(
        user.id(),
        user.email(),
        user.role(),
        user.status(),
        user.verified(),
        user.displayName(),
        user.phone(),
        user.role() == Role.BRAND ? users.brandProfile(user.id()).orElse(null) : null,
        user.role() == Role.INFLUENCER ? users.creatorProfile(user.id()).orElse(null) : null,
        user.createdAt());
  }

  public static PublicProfile publicProfile(UserRepository users, User user) {
    return new PublicProfile(
        user.id(),
        user.role(),
        user.displayName(),
        user.verified(),
        user.role() == Role.BRAND ? users.brandProfile(user.id()).orElse(null) : null,
        user.role() == Role.INFLUENCER ? users.creatorProfile(user.id()).orElse(null) : null);
  }

  public static AdminUser admin(User user) {
    return new AdminUser(
        user.id(), user.email(), user.role(), user.status(), user.verified(), user.displayName());
  }
}
