package io.influmeter.api.users;

/** Suspended accounts cannot sign in and their tokens stop working at once. */
public enum UserStatus {
  ACTIVE,
  SUSPENDED
}
