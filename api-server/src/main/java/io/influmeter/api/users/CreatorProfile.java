package io.influmeter.api.users;

import java.util.regex.Pattern;

/** An influencer's creator profile; all of it is public. */
public record CreatorProfile(String handle, String bio, String niche, String region) {

  /** What a handle may look like (it also seeds the influencer's referral slugs and codes). */
  public static final Pattern HANDLE = Pattern.compile("[a-z0-9_.]{3,30}");
}
