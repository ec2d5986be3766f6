package io.influmeter.api.users;

import io.influmeter.api.auth.Role;
import java.time.Instant;
import java.util.UUID;

/** A user account (without its password hash, which never leaves the repository's callers). */
public record User(
    UUID id,
    String email,
    Role role,
    UserStatus status,
    boolean verified,
    String displayName,
    String phone,
    Instant createdAt,
    Instant updatedAt) {

  public boolean active() {
    return status == UserStatus.ACTIVE;
  }
}
