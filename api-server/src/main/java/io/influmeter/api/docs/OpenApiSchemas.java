package io.influmeter.api.docs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schemas of the request and response bodies, by component name. Written by hand next to the
 * records they describe; the OpenAPI test checks every route's schema names exist here.
 */
final class OpenApiSchemas {
  private OpenApiSchemas() {}

  static Map<String, Object> all() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put(
        "Problem",
        object(
            List.of("type", "title", "status"),
            prop("type", string("Stable problem type, /problems/<code>")),
            prop("title", string("Short summary")),
            prop("status", integer("HTTP status")),
            prop("detail", string("What happened, safe to show")),
            prop("instance", string("The request path")),
            prop("code", string("The last segment of type")),
            prop(
                "errors",
                array(
                    object(
                        List.of("field", "message"),
                        prop("field", string("Dotted path of the field")),
                        prop("message", string("What is wrong with it")))))));
    s.put(
        "Register",
        object(
            List.of("email", "password", "role", "displayName"),
            prop("email", format("email", "Normalised to lower case; unique")),
            prop("password", string("10-128 characters, not a common password")),
            prop("role", enumOf("INFLUENCER", "BRAND")),
            prop("displayName", string("1-100 characters")),
            prop("organisationName", string("Brands only, required for them"))));
    s.put(
        "Login",
        object(
            List.of("email", "password"),
            prop("email", format("email", "Account email")),
            prop("password", string("Password"))));
    s.put(
        "Refresh",
        object(List.of("refreshToken"), prop("refreshToken", string("The opaque refresh token"))));
    s.put(
        "GoogleSignIn",
        object(
            List.of("idToken"),
            prop("idToken", string("A Google ID token (JWT) for our client id"))));
    s.put(
        "FacebookSignIn",
        object(
            List.of("code", "redirectUri"),
            prop("code", string("The authorization code Facebook sent to redirectUri")),
            prop("redirectUri", format("uri", "The redirect URI the code was issued for"))));
    s.put(
        "CreateAdmin",
        object(
            List.of("email", "password", "displayName"),
            prop("email", format("email", "Account email")),
            prop("password", string("10-128 characters, not a common password")),
            prop("displayName", string("1-100 characters"))));
    s.put(
        "TokenResponse",
        object(
            List.of("accessToken", "tokenType", "expiresIn", "refreshToken", "user"),
            prop("accessToken", string("JWT, send as Authorization: Bearer <token>")),
            prop("tokenType", enumOf("Bearer")),
            prop("expiresIn", integer("Seconds until the access token expires")),
            prop("refreshToken", string("Opaque; single use, rotated on every refresh")),
            prop("user", ref("Me"))));
    s.put(
        "BrandProfile",
        object(
            List.of(),
            prop("organisationName", string("1-200 characters")),
            prop("website", format("uri", "http(s) URL")),
            prop("industry", string("Up to 100 characters")),
            prop("country", string("ISO 3166-1 alpha-2")),
            prop("description", string("Up to 2000 characters"))));
    s.put(
        "CreatorProfile",
        object(
            List.of(),
            prop("handle", string("3-30 of a-z, 0-9, _ and .")),
            prop("bio", string("Up to 2000 characters")),
            prop("niche", string("Up to 100 characters")),
            prop("region", string("Up to 100 characters"))));
    s.put(
        "Me",
        object(
            List.of("id", "email", "role", "status", "verified", "displayName", "createdAt"),
            prop("id", format("uuid", "User id")),
            prop("email", format("email", "Account email")),
            prop("role", enumOf("INFLUENCER", "BRAND", "ADMIN")),
            prop("status", enumOf("ACTIVE", "SUSPENDED")),
            prop("verified", bool("Verified by an admin")),
            prop("displayName", string("Shown to others")),
            prop("phone", string("Private")),
            prop("brandProfile", ref("BrandProfile")),
            prop("creatorProfile", ref("CreatorProfile")),
            prop("createdAt", format("date-time", "When the account was created"))));
    s.put(
        "UpdateMe",
        object(
            List.of(),
            prop("displayName", string("1-100 characters")),
            prop("phone", string("Phone number; empty string clears")),
            prop("brandProfile", ref("BrandProfile")),
            prop("creatorProfile", ref("CreatorProfile"))));
    s.put(
        "PublicProfile",
        object(
            List.of("id", "role", "displayName", "verified"),
            prop("id", format("uuid", "User id")),
            prop("role", enumOf("INFLUENCER", "BRAND")),
            prop("displayName", string("Shown to others")),
            prop("verified", bool("Verified by an admin")),
            prop("brandProfile", ref("BrandProfile")),
            prop("creatorProfile", ref("CreatorProfile"))));
    s.put(
        "AdminUser",
        object(
            List.of("id", "email", "role", "status", "verified", "displayName"),
            prop("id", format("uuid", "User id")),
            prop("email", format("email", "Account email")),
            prop("role", enumOf("INFLUENCER", "BRAND", "ADMIN")),
            prop("status", enumOf("ACTIVE", "SUSPENDED")),
            prop("verified", bool("Verified by an admin")),
            prop("displayName", string("Shown to others"))));
    s.put(
        "SetVerification",
        object(List.of("verified"), prop("verified", bool("The new verification flag"))));
    s.put("SetStatus", object(List.of("status"), prop("status", enumOf("ACTIVE", "SUSPENDED"))));
    s.put(
        "AuditPage",
        object(
            List.of("entries"),
            prop(
                "entries",
                array(
                    object(
                        List.of("id", "occurredAt", "action", "targetType", "targetId"),
                        prop("id", format("uuid", "Entry id")),
                        prop("occurredAt", format("date-time", "When")),
                        prop("actorId", format("uuid", "Who")),
                        prop("action", string("What, e.g. user.status-changed")),
                        prop("targetType", string("Kind of object, e.g. user")),
                        prop("targetId", string("Its id")),
                        prop("before", Map.of("description", "State before (JSON)")),
                        prop("after", Map.of("description", "State after (JSON)")),
                        prop("clientIp", string("Where the request came from"))))),
            prop("nextOffset", integer("Offset of the next page; absent on the last page"))));
    // Campaigns (brand side, admin moderation)
    s.put(
        "Commission",
        object(
            List.of("type"),
            prop("type", enumOf("PERCENTAGE", "FIXED")),
            prop("percent", string("PERCENTAGE: decimal string in (0, 100], at most 2 decimals")),
            prop(
                "amount",
                string("FIXED: decimal string per conversion, in the campaign currency"))));
    s.put(
        "TargetFilters",
        object(
            List.of(),
            prop("regions", array(string("Creator region, case-insensitive"))),
            prop("genders", array(enumOf("FEMALE", "MALE", "NON_BINARY", "UNDISCLOSED"))),
            prop("industries", array(string("Creator niche, case-insensitive"))),
            prop("platforms", array(enumOf("INSTAGRAM", "TIKTOK", "YOUTUBE", "FACEBOOK", "X"))),
            prop("minFollowers", integer("Inclusive")),
            prop("maxFollowers", integer("Inclusive")),
            prop("minEngagementRate", string("Decimal fraction, e.g. \"0.035\""))));
    s.put(
        "CampaignInput",
        object(
            List.of(),
            prop("name", string("1-200 characters; required on create")),
            prop("brief", string("Up to 10000 characters")),
            prop("objective", enumOf("AWARENESS", "TRAFFIC", "SALES")),
            prop("budget", string("Decimal string, no more decimals than the currency has")),
            prop("currency", string("ISO 4217, e.g. KES")),
            prop("startsAt", format("date-time", "Start")),
            prop("endsAt", format("date-time", "End, after startsAt")),
            prop("commission", ref("Commission")),
            prop("attributionLookbackDays", integer("1-365, default 30")),
            prop(
                "attributionModel",
                enumOf("LAST_CLICK", "FIRST_CLICK", "LINEAR", "TIME_DECAY", "POSITION_BASED")),
            prop("targetFilters", ref("TargetFilters")),
            prop("landingUrl", format("uri", "http(s) URL")),
            prop("fallbackUrl", format("uri", "http(s) URL; empty string clears")),
            prop("utmTemplate", Map.of("type", "object", "description", "utm_* name to value")),
            prop("allowUtmPassthrough", bool("Keep utm_* of the incoming click")),
            prop("version", integer("Edits: the version last read (stale: 409)"))));
    s.put(
        "Campaign",
        object(
            List.of("id", "brandId", "name", "status", "budget", "currency", "version"),
            prop("id", format("uuid", "Campaign id")),
            prop("brandId", format("uuid", "Owning brand")),
            prop("name", string("Name")),
            prop("brief", string("Brief")),
            prop("objective", enumOf("AWARENESS", "TRAFFIC", "SALES")),
            prop("budget", string("Decimal string")),
            prop("currency", string("ISO 4217")),
            prop("startsAt", format("date-time", "Start")),
            prop("endsAt", format("date-time", "End")),
            prop("commission", ref("Commission")),
            prop("attributionLookbackDays", integer("Days")),
            prop("attributionModel", string("Attribution model")),
            prop("targetFilters", ref("TargetFilters")),
            prop("landingUrl", format("uri", "Landing page")),
            prop("fallbackUrl", format("uri", "Fallback page")),
            prop("utmTemplate", Map.of("type", "object", "description", "utm_* name to value")),
            prop("allowUtmPassthrough", bool("Keep utm_* of the incoming click")),
            prop(
                "status",
                enumOf(
                    "DRAFT",
                    "SUBMITTED",
                    "APPROVED",
                    "REJECTED",
                    "ACTIVE",
                    "COMPLETED",
                    "CANCELLED")),
            prop("rejectionReason", string("Why the admin rejected it")),
            prop("allowedActions", array(string("Actions a person may request now"))),
            prop("submittedAt", format("date-time", "Last submission")),
            prop("decidedAt", format("date-time", "Admin decision")),
            prop("closedAt", format("date-time", "Completed or cancelled")),
            prop("createdAt", format("date-time", "Created")),
            prop("updatedAt", format("date-time", "Last change")),
            prop("version", integer("Optimistic-locking version"))));
    s.put(
        "CampaignPage",
        object(
            List.of("campaigns"),
            prop("campaigns", array(ref("Campaign"))),
            prop("nextOffset", integer("Offset of the next page; absent on the last page"))));
    s.put(
        "InfluencerPage",
        object(
            List.of("influencers"),
            prop(
                "influencers",
                array(
                    object(
                        List.of("id", "displayName", "verified"),
                        prop("id", format("uuid", "User id")),
                        prop("displayName", string("Shown to others")),
                        prop("verified", bool("Verified by an admin")),
                        prop("handle", string("Creator handle")),
                        prop("industry", string("Niche")),
                        prop("region", string("Region")),
                        prop("gender", string("Gender")),
                        prop("platforms", array(string("Connected platform"))),
                        prop("followersTotal", integer("Followers over all platforms")),
                        prop("engagementRate", string("Decimal fraction"))))),
            prop("nextOffset", integer("Offset of the next page; absent on the last page"))));
    s.put(
        "Invite",
        object(List.of("influencerId"), prop("influencerId", format("uuid", "The influencer"))));
    s.put(
        "Participant",
        object(
            List.of("id", "influencerId", "origin", "status"),
            prop("id", format("uuid", "Participation id")),
            prop("influencerId", format("uuid", "The influencer")),
            prop("displayName", string("Influencer's public name")),
            prop("handle", string("Creator handle")),
            prop("origin", enumOf("INVITATION", "APPLICATION")),
            prop("status", enumOf("INVITED", "APPLIED", "ACCEPTED", "DECLINED", "WITHDRAWN")),
            prop("createdAt", format("date-time", "Invited or applied")),
            prop("decidedAt", format("date-time", "Answered or withdrawn"))));
    s.put(
        "ParticipantList",
        object(List.of("participants"), prop("participants", array(ref("Participant")))));
    s.put(
        "Rebook",
        object(
            List.of("fromCampaignId"),
            prop("fromCampaignId", format("uuid", "An ACTIVE or COMPLETED campaign of yours"))));
    s.put(
        "RebookResult",
        object(
            List.of("invited", "skipped"),
            prop("invited", array(format("uuid", "Influencer invited"))),
            prop(
                "skipped",
                array(
                    object(
                        List.of("influencerId", "reason"),
                        prop("influencerId", format("uuid", "Influencer skipped")),
                        prop("reason", string("Why")))))));
    s.put("Reject", object(List.of("reason"), prop("reason", string("1-2000 characters"))));
    s.put("Health", object(List.of("status"), prop("status", enumOf("UP"))));
    InfluencerSchemas.addTo(s);
    return s;
  }

  record Property(String name, Object schema) {}

  static Property prop(String name, Object schema) {
    return new Property(name, schema);
  }

  static Map<String, Object> object(List<String> required, Property... properties) {
    Map<String, Object> props = new LinkedHashMap<>();
    for (Property p : properties) {
      props.put(p.name(), p.schema());
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    schema.put("properties", props);
    return schema;
  }

  static Map<String, Object> string(String description) {
    return Map.of("type", "string", "description", description);
  }

  static Map<String, Object> format(String format, String description) {
    return Map.of("type", "string", "format", format, "description", description);
  }

  static Map<String, Object> integer(String description) {
    return Map.of("type", "integer", "description", description);
  }

  static Map<String, Object> bool(String description) {
    return Map.of("type", "boolean", "description", description);
  }

  static Map<String, Object> enumOf(String... values) {
    return Map.of("type", "string", "enum", List.of(values));
  }

  static Map<String, Object> array(Object items) {
    return Map.of("type", "array", "items", items);
  }

  static Map<String, Object> ref(String name) {
    return Map.of("$ref", "#/components/schemas/" + name);
  }
}
