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
    s.put("Health", object(List.of("status"), prop("status", enumOf("UP"))));
    // AI insights
    s.put(
        "Insight",
        object(
            List.of("id", "campaignId", "kind", "provider", "model", "summary", "suggestions"),
            prop("id", format("uuid", "Report id")),
            prop("campaignId", format("uuid", "Campaign")),
            prop("triggerId", string("The ai.triggers record it answers; absent otherwise")),
            prop("kind", string("PERIODIC, ON_DEMAND or a trigger kind")),
            prop("periodStart", format("date-time", "Start of the period the facts cover")),
            prop("periodEnd", format("date-time", "End of the period (exclusive)")),
            prop("provider", enumOf("BUILTIN", "OPENAI", "ANTHROPIC")),
            prop("model", string("Model name")),
            prop("promptSha256", string("SHA-256 of the prompt sent")),
            prop("summary", string("Plain-language summary")),
            prop(
                "suggestions",
                array(
                    object(
                        List.of("text", "numbers"),
                        prop("text", string("What to do")),
                        prop("numbers", array(string("A number the suggestion rests on")))))),
            prop("confidence", Map.of("type", "number", "description", "0 to 1")),
            prop("grounded", bool("Every cited number exists in the facts")),
            prop("ungroundedNumbers", array(string("A cited number no fact supports"))),
            prop("attempts", integer("Model calls made")),
            prop("inputTokens", integer("Input tokens")),
            prop("outputTokens", integer("Output tokens")),
            prop("totalTokens", integer("Input + output tokens")),
            prop("cost", Map.of("type", "number", "description", "Exact cost (8 decimals)")),
            prop("costCurrency", string("ISO 4217")),
            prop("createdAt", format("date-time", "When it was written"))));
    s.put(
        "InsightPage",
        object(
            List.of("insights"),
            prop("insights", array(ref("Insight"))),
            prop("nextOffset", integer("Offset of the next page; absent on the last page"))));
    s.put(
        "InsightCosts",
        object(
            List.of("from", "to", "days"),
            prop("from", format("date", "First day (UTC), inclusive")),
            prop("to", format("date", "Last day (UTC), inclusive")),
            prop(
                "days",
                array(
                    object(
                        List.of("day", "provider", "model", "reports", "cost", "currency"),
                        prop("day", format("date", "UTC day")),
                        prop("provider", enumOf("BUILTIN", "OPENAI", "ANTHROPIC")),
                        prop("model", string("Model name")),
                        prop("reports", integer("Reports written")),
                        prop("inputTokens", integer("Input tokens")),
                        prop("outputTokens", integer("Output tokens")),
                        prop("totalTokens", integer("All tokens")),
                        prop("cost", Map.of("type", "number", "description", "Exact sum")),
                        prop("currency", string("ISO 4217")))))));
    return s;
  }

  private record Property(String name, Object schema) {}

  private static Property prop(String name, Object schema) {
    return new Property(name, schema);
  }

  private static Map<String, Object> object(List<String> required, Property... properties) {
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

  private static Map<String, Object> string(String description) {
    return Map.of("type", "string", "description", description);
  }

  private static Map<String, Object> format(String format, String description) {
    return Map.of("type", "string", "format", format, "description", description);
  }

  private static Map<String, Object> integer(String description) {
    return Map.of("type", "integer", "description", description);
  }

  private static Map<String, Object> bool(String description) {
    return Map.of("type", "boolean", "description", description);
  }

  private static Map<String, Object> enumOf(String... values) {
    return Map.of("type", "string", "enum", List.of(values));
  }

  private static Map<String, Object> array(Object items) {
    return Map.of("type", "array", "items", items);
  }

  static Map<String, Object> ref(String name) {
    return Map.of("$ref", "#/components/schemas/" + name);
  }
}
