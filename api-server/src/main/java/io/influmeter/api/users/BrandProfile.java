package io.influmeter.api.users;

/** A brand's organisation profile; all of it is public. */
public record BrandProfile(
    String organisationName, String website, String industry, String country, String description) {}
