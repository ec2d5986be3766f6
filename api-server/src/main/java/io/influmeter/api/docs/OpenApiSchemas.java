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
    // Content, disputes, admin reports
    s.put(
        "ContentUpload",
        object(
            List.of("file"),
            prop(
                "file",
                format(
                    "binary",
                    "JPEG, PNG or WebP image, or MP4 or MOV video; the type is read from the"
                        + " bytes, never the name")),
            prop("caption", string("Up to 2200 characters"))));
    s.put(
        "ContentSummary",
        object(
            List.of("id", "campaignId", "influencerId", "reviewStatus", "moderation"),
            prop("id", format("uuid", "Content id")),
            prop("campaignId", format("uuid", "Campaign")),
            prop("influencerId", format("uuid", "Who delivered it")),
            prop("reviewStatus", enumOf("PENDING_REVIEW", "APPROVED", "CHANGES_REQUESTED")),
            prop("moderation", enumOf("VISIBLE", "FLAGGED", "REMOVED")),
            prop("currentRevision", integer("Number of the current revision, from 1")),
            prop("mediaType", string("Stored type of the current revision")),
            prop("caption", string("Caption of the current revision")),
            prop("createdAt", format("date-time", "First upload")),
            prop("updatedAt", format("date-time", "Last change"))));
    s.put(
        "ContentFlag",
        object(
            List.of("id", "reason", "createdAt"),
            prop("id", format("uuid", "Flag id")),
            prop("reporterId", format("uuid", "Who reported it")),
            prop("reason", string("Why")),
            prop("createdAt", format("date-time", "When")),
            prop("resolution", enumOf("REMOVED", "RESTORED")),
            prop("resolvedAt", format("date-time", "When an admin decided"))));
    s.put(
        "ContentDetail",
        object(
            List.of("content", "revisions", "history"),
            prop("content", ref("ContentSummary")),
            prop(
                "revisions",
                array(
                    object(
                        List.of("revision", "mediaType", "sizeBytes", "sha256"),
                        prop("revision", integer("1, 2, ...")),
                        prop(
                            "mediaType",
                            string(
                                "image/jpeg, image/png, image/webp, video/mp4, video/quicktime")),
                        prop("sizeBytes", integer("File size")),
                        prop("width", integer("Image width in pixels")),
                        prop("height", integer("Image height in pixels")),
                        prop("sha256", string("Hex SHA-256 of the file")),
                        prop("originalFilename", string("The client's file name, sanitised")),
                        prop("caption", string("Caption")),
                        prop("uploadedAt", format("date-time", "When"))))),
            prop(
                "history",
                array(
                    object(
                        List.of("revision", "decision", "decidedAt"),
                        prop("revision", integer("The revision decided")),
                        prop("decision", enumOf("APPROVED", "CHANGES_REQUESTED")),
                        prop("comment", string("The brand's comment")),
                        prop("decidedBy", format("uuid", "Brand user")),
                        prop("decidedAt", format("date-time", "When"))))),
            prop("flags", array(ref("ContentFlag")))));
    s.put("ContentList", object(List.of("items"), prop("items", array(ref("ContentSummary")))));
    s.put(
        "FlaggedContent",
        object(
            List.of("items"),
            prop(
                "items",
                array(
                    object(
                        List.of("content", "openFlags"),
                        prop("content", ref("ContentSummary")),
                        prop("openFlags", array(ref("ContentFlag"))))))));
    s.put(
        "DownloadUrl",
        object(
            List.of("url", "expiresAt"),
            prop("url", string("Path of the signed download, relative to the API")),
            prop("expiresAt", format("date-time", "When the URL stops working"))));
    s.put(
        "RequestChanges",
        object(List.of("comment"), prop("comment", string("What to change, 1-2000 characters"))));
    s.put(
        "FlagContent", object(List.of("reason"), prop("reason", string("Why, 1-1000 characters"))));
    s.put(
        "ModerationNote",
        object(List.of(), prop("note", string("Why (kept in the audit log), up to 2000"))));
    s.put(
        "OpenDispute",
        object(
            List.of("campaignId", "subject", "reference", "description"),
            prop("campaignId", format("uuid", "Campaign both parties are in")),
            prop("subject", enumOf("CONVERSION", "PAYOUT", "CONTENT")),
            prop("reference", string("Order id, payout id or content id, 1-200 characters")),
            prop("description", string("What is wrong, 1-5000 characters")),
            prop("influencerId", format("uuid", "Brands only: the influencer concerned"))));
    s.put(
        "Dispute",
        object(
            List.of("id", "campaignId", "brandId", "influencerId", "subject", "status"),
            prop("id", format("uuid", "Dispute id")),
            prop("campaignId", format("uuid", "Campaign")),
            prop("openedBy", format("uuid", "Who opened it")),
            prop("brandId", format("uuid", "The brand party")),
            prop("influencerId", format("uuid", "The influencer party")),
            prop("subject", enumOf("CONVERSION", "PAYOUT", "CONTENT")),
            prop("reference", string("What it is about")),
            prop("description", string("Description")),
            prop("status", enumOf("OPEN", "RESOLVED")),
            prop("outcome", enumOf("UPHELD", "REJECTED")),
            prop("resolutionNote", string("The admin's note")),
            prop("resolvedBy", format("uuid", "Admin")),
            prop("resolvedAt", format("date-time", "When resolved")),
            prop("createdAt", format("date-time", "When opened"))));
    s.put("DisputeList", object(List.of("disputes"), prop("disputes", array(ref("Dispute")))));
    s.put(
        "ResolveDispute",
        object(
            List.of("outcome", "note"),
            prop("outcome", enumOf("UPHELD", "REJECTED")),
            prop("note", string("Shown to both parties, 1-5000 characters"))));
    s.put(
        "SetFeeRule",
        object(
            List.of(),
            prop("percent", decimal("Percent of attributed net revenue, 0-100, 4 decimals")),
            prop("fixedPerConversionMinor", integer("Minor units per conversion"))));
    s.put(
        "FeeRule",
        object(
            List.of("id", "percent", "fixedPerConversionMinor"),
            prop("id", format("uuid", "Rule id")),
            prop("campaignId", format("uuid", "Campaign of a campaign rule")),
            prop("plan", string("Plan of a plan rule")),
            prop("percent", decimal("Percent of attributed net revenue")),
            prop("fixedPerConversionMinor", integer("Minor units per conversion")),
            prop("updatedAt", format("date-time", "When set"))));
    s.put(
        "RecordSubscription",
        object(
            List.of("brandId", "plan", "amountMinor", "currency", "periodStart", "periodEnd"),
            prop("brandId", format("uuid", "The paying brand")),
            prop("plan", string("Plan name, 1-32 of A-Z a-z 0-9 _ -")),
            prop("amountMinor", integer("Amount paid, minor units")),
            prop("currency", string("ISO 4217")),
            prop("periodStart", format("date", "First day")),
            prop("periodEnd", format("date", "Last day"))));
    s.put(
        "Subscription",
        object(
            List.of("id", "brandId", "plan", "amountMinor", "currency"),
            prop("id", format("uuid", "Subscription id")),
            prop("brandId", format("uuid", "Brand")),
            prop("plan", string("Plan")),
            prop("amountMinor", integer("Amount, minor units")),
            prop("currency", string("ISO 4217")),
            prop("periodStart", format("date", "First day")),
            prop("periodEnd", format("date", "Last day")),
            prop("createdAt", format("date-time", "When recorded"))));
    s.put(
        "MonthTotal",
        object(
            List.of("month", "currency", "subscriptionMinor", "performanceFeeMinor", "totalMinor"),
            prop("month", string("YYYY-MM")),
            prop("currency", string("ISO 4217")),
            prop("subscriptionMinor", integer("Subscription revenue")),
            prop("performanceFeeMinor", integer("Performance fees")),
            prop("totalMinor", integer("Sum"))));
    s.put(
        "RevenueReport",
        object(
            List.of("from", "to", "months", "lines"),
            prop("from", format("date", "First day included")),
            prop("to", format("date", "Last day included")),
            prop("months", array(ref("MonthTotal"))),
            prop(
                "lines",
                array(
                    object(
                        List.of("month", "currency", "kind", "referenceId", "amountMinor"),
                        prop("month", string("YYYY-MM")),
                        prop("currency", string("ISO 4217")),
                        prop("kind", enumOf("SUBSCRIPTION", "PERFORMANCE_FEE")),
                        prop("referenceId", format("uuid", "Subscription or campaign")),
                        prop("name", string("Plan or campaign name")),
                        prop("basisMinor", integer("Subscription amount or net revenue")),
                        prop("conversions", integer("Conversions (fees only)")),
                        prop("rule", string("CAMPAIGN, PLAN:<plan> or NONE (fees only)")),
                        prop("amountMinor", integer("Revenue of the platform")))))));
    s.put(
        "Dashboard",
        object(
            List.of("users", "campaigns", "pendingReviews", "openDisputes", "revenueThisMonth"),
            prop(
                "users",
                array(
                    object(
                        List.of("role", "status", "count"),
                        prop("role", enumOf("INFLUENCER", "BRAND", "ADMIN")),
                        prop("status", enumOf("ACTIVE", "SUSPENDED")),
                        prop("count", integer("Accounts"))))),
            prop(
                "campaigns",
                array(
                    object(
                        List.of("status", "count"),
                        prop("status", string("Campaign status")),
                        prop("count", integer("Campaigns"))))),
            prop(
                "pendingReviews",
                object(
                    List.of("submittedCampaigns", "flaggedContent"),
                    prop("submittedCampaigns", integer("Campaigns waiting for approval")),
                    prop("flaggedContent", integer("Flagged content waiting for review")))),
            prop("openDisputes", integer("Disputes not yet resolved")),
            prop(
                "revenueThisMonth",
                object(
                    List.of("month", "totals"),
                    prop("month", string("YYYY-MM (UTC)")),
                    prop("totals", array(ref("MonthTotal")))))));
    s.put("Health", object(List.of("status"), prop("status", enumOf("UP"))));
    InfluencerSchemas.addTo(s);
    AnalyticsSchemas.addTo(s);
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
    s.put(
        "LiveToken",
        object(
            List.of("token", "expires_at"),
            prop("token", string("Opens GET /analytics/campaigns/{id}/live?token= once")),
            prop("expires_at", format("date-time", "After this the token opens nothing"))));
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

  private static Map<String, Object> decimal(String description) {
    return Map.of("type", "number", "description", description);
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
