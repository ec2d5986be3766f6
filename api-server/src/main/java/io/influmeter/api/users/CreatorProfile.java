package io.influmeter.api.users;

/** An influencer's creator profile; all of it is public. */
public record CreatorProfile(String handle, String bio, String niche, String region) {}
