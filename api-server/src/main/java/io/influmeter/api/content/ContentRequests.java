package io.influmeter.api.content;

/** JSON bodies of the content routes. */
public final class ContentRequests {
  private ContentRequests() {}

  public record RequestChanges(String comment) {}

  public record FlagContent(String reason) {}

  /** Optional note an admin gives when removing or restoring content (kept in the audit log). */
  public record Moderate(String note) {}
}
