package io.influmeter.api.users;

/** Bodies of the /users and /admin/users routes. */
public final class UserRequests {
  private UserRequests() {}

  /**
   * Changes to the caller's own account; a null field stays as it is, an empty string clears an
   * optional field.
   */
  public record UpdateMe(
      String displayName, String phone, BrandProfile brandProfile, CreatorProfile creatorProfile) {}

  public record SetVerification(Boolean verified) {}

  public record SetStatus(UserStatus status) {}
}
