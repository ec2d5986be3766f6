package io.influmeter.api.referrals;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How referral slugs look: lower-case {@code [a-z0-9-]}, 3 to 48 characters, no leading, trailing
 * or doubled hyphen, never a reserved word (paths of ingest and the web app, and words that would
 * look official). Generated from the creator's handle (or display name): {@code murugi}, then
 * {@code murugi-2}, {@code murugi-3}, ... Slugs are stored lower-case, so the UNIQUE constraint on
 * the column makes them case-insensitively unique.
 */
public final class SlugRules {
  public static final int MIN_LENGTH = 3;
  public static final int MAX_LENGTH = 48;

  /** Leaves room for a "-<n>" suffix within {@link #MAX_LENGTH}. */
  private static final int MAX_BASE_LENGTH = 40;

  private static final Pattern SHAPE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  static final Set<String> RESERVED =
      Set.of(
          "go",
          "api",
          "admin",
          "administrator",
          "www",
          "login",
          "logout",
          "signin",
          "signup",
          "register",
          "static",
          "assets",
          "health",
          "metrics",
          "docs",
          "openapi",
          "webhooks",
          "auth",
          "oauth",
          "app",
          "dashboard",
          "support",
          "help",
          "status",
          "influmeter",
          "official",
          "brand",
          "brands",
          "influencers",
          "links",
          "stores",
          "null",
          "undefined");

  private SlugRules() {}

  /** The readable base of a creator's slugs (never empty, never reserved-checked here). */
  public static String base(String handle, String displayName) {
    String source = handle != null && !handle.isBlank() ? handle : displayName;
    String text =
        Normalizer.normalize(source == null ? "" : source, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (text.length() > MAX_BASE_LENGTH) {
      text = text.substring(0, MAX_BASE_LENGTH).replaceAll("-+$", "");
    }
    if (text.length() < MIN_LENGTH) {
      text = text.isEmpty() ? "creator" : "creator-" + text;
    }
    return text;
  }

  /** The n-th slug of a base: the base itself, then base-2, base-3, ... */
  public static String candidate(String base, int n) {
    return n == 1 ? base : base + "-" + n;
  }

  /** Whether a slug may be used at all. */
  public static boolean allowed(String slug) {
    return slug != null
        && slug.length() >= MIN_LENGTH
        && slug.length() <= MAX_LENGTH
        && SHAPE.matcher(slug).matches()
        && !RESERVED.contains(slug);
  }

  /** The first allowed slug of the base's sequence that is not in {@code taken}. */
  public static String firstFree(String base, Set<String> taken) {
    for (int n = 1; ; n++) {
      String slug = candidate(base, n);
      if (allowed(slug) && !taken.contains(slug)) {
        return slug;
      }
    }
  }
}
