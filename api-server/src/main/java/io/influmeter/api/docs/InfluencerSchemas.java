package io.influmeter.api.docs;

import static io.influmeter.api.docs.OpenApiSchemas.array;
import static io.influmeter.api.docs.OpenApiSchemas.enumOf;
import static io.influmeter.api.docs.OpenApiSchemas.format;
import static io.influmeter.api.docs.OpenApiSchemas.integer;
import static io.influmeter.api.docs.OpenApiSchemas.object;
import static io.influmeter.api.docs.OpenApiSchemas.prop;
import static io.influmeter.api.docs.OpenApiSchemas.ref;
import static io.influmeter.api.docs.OpenApiSchemas.string;

import java.util.List;
import java.util.Map;

/** Schemas of the influencer, application, referral-link and store routes. */
final class InfluencerSchemas {
  private InfluencerSchemas() {}

  static void addTo(Map<String, Object> s) {
    s.put(
        "ConnectedPlatform",
        object(
            List.of("platform", "handle"),
            prop("platform", enumOf("YOUTUBE", "INSTAGRAM", "TIKTOK")),
            prop("handle", string("Your handle there, 1-100 characters"))));
    s.put(
        "InfluencerProfileUpdate",
        object(
            List.of(),
            prop("handle", string("3-30 of a-z, 0-9, _ and .; seeds your slugs and codes")),
            prop("niche", string("Your industry, up to 100 characters")),
            prop("region", string("Up to 100 characters")),
            prop("gender", enumOf("FEMALE", "MALE", "NON_BINARY", "UNDISCLOSED")),
            prop("languages", array(string("Language tag such as en, sw, pt-BR; at most 10"))),
            prop("bio", string("Up to 2000 characters")),
            prop("platforms", array(ref("ConnectedPlatform")))));
    s.put(
        "InfluencerProfile",
        object(
            List.of("languages", "platforms"),
            prop("handle", string("Handle")),
            prop("niche", string("Industry")),
            prop("region", string("Region")),
            prop("gender", enumOf("FEMALE", "MALE", "NON_BINARY", "UNDISCLOSED")),
            prop("languages", array(string("Language tag"))),
            prop("bio", string("Bio")),
            prop("platforms", array(ref("ConnectedPlatform"))),
            prop("followersTotal", integer("Measured by social metrics; null until then")),
            prop("engagementRate", string("Decimal, measured; null until then"))));
    s.put(
        "OpenCampaign",
        object(
            List.of("id", "brandId", "name", "status", "startsAt", "endsAt", "currency"),
            prop("id", format("uuid", "Campaign id")),
            prop("brandId", format("uuid", "Brand")),
            prop("brandName", string("Organisation name")),
            prop("name", string("Campaign name")),
            prop("brief", string("What the brand asks for")),
            prop("objective", enumOf("AWARENESS", "TRAFFIC", "SALES")),
            prop("status", enumOf("APPROVED", "ACTIVE")),
            prop("startsAt", format("date-time", "Start")),
            prop("endsAt", format("date-time", "End")),
            prop("currency", string("ISO 4217")),
            prop("commissionType", enumOf("PERCENTAGE", "FIXED")),
            prop("commissionPercent", string("Decimal percent of net revenue")),
            prop("commissionFixedMinor", integer("Fixed commission in minor units")),
            prop(
                "participation",
                enumOf("INVITED", "APPLIED", "ACCEPTED", "DECLINED", "WITHDRAWN"))));
    s.put(
        "DiscoverPage",
        object(
            List.of("items"),
            prop("items", array(ref("OpenCampaign"))),
            prop("nextOffset", integer("Offset of the next page; absent on the last page"))));
    s.put("Apply", object(List.of("pitch"), prop("pitch", string("1-2000 characters"))));
    s.put(
        "ReferralLink",
        object(
            List.of("id", "campaignId", "influencerId", "brandId", "slug", "promoCode", "status"),
            prop("id", format("uuid", "Link id")),
            prop("campaignId", format("uuid", "Campaign")),
            prop("campaignName", string("Campaign name")),
            prop("influencerId", format("uuid", "Influencer")),
            prop("brandId", format("uuid", "Brand")),
            prop("slug", string("Lower-case, unique: /go/<slug>")),
            prop("shareUrl", format("uri", "What the influencer shares")),
            prop("promoCode", string("Upper-case, unique per brand, e.g. MURUGI25")),
            prop("destinationUrl", format("uri", "The campaign's landing page")),
            prop("utm", Map.of("type", "object", "additionalProperties", string("UTM value"))),
            prop("status", enumOf("ACTIVE", "PAUSED", "RETIRED")),
            prop("createdAt", format("date-time", "Created")),
            prop("updatedAt", format("date-time", "Last change"))));
    s.put("ReferralLinkList", array(ref("ReferralLink")));
    s.put(
        "Participation",
        object(
            List.of("campaignId", "influencerId", "origin", "status"),
            prop("campaignId", format("uuid", "Campaign")),
            prop("influencerId", format("uuid", "Influencer")),
            prop("origin", enumOf("INVITATION", "APPLICATION")),
            prop("status", enumOf("INVITED", "APPLIED", "ACCEPTED", "DECLINED", "WITHDRAWN")),
            prop("pitch", string("The application's pitch")),
            prop("createdAt", format("date-time", "Invited or applied at")),
            prop("decidedAt", format("date-time", "Accepted or declined at")),
            prop("link", ref("ReferralLink"))));
    s.put(
        "Invitation",
        object(
            List.of("campaign", "invitedAt"),
            prop("campaign", ref("OpenCampaign")),
            prop("invitedAt", format("date-time", "When the brand invited you"))));
    s.put("InvitationList", array(ref("Invitation")));
    s.put(
        "RegisterStore",
        object(
            List.of("platform", "displayName", "currency"),
            prop("platform", enumOf("SHOPIFY", "WOOCOMMERCE", "STRIPE", "GENERIC")),
            prop("displayName", string("1-200 characters")),
            prop("currency", string("ISO 4217, e.g. KES"))));
    s.put(
        "RotateStoreSecret",
        object(
            List.of(),
            prop("graceHours", integer("0-720, default 24: how long the old secret verifies"))));
    s.put(
        "Store",
        object(
            List.of("id", "platform", "displayName", "currency", "webhookUrl"),
            prop("id", format("uuid", "Store id")),
            prop("platform", enumOf("SHOPIFY", "WOOCOMMERCE", "STRIPE", "GENERIC")),
            prop("displayName", string("Name")),
            prop("currency", string("ISO 4217")),
            prop("webhookUrl", format("uri", "Where the store sends order webhooks")),
            prop(
                "previousSecretExpiresAt",
                format("date-time", "Until when the previous secret still verifies")),
            prop("createdAt", format("date-time", "Registered")),
            prop("updatedAt", format("date-time", "Last change"))));
    s.put("StoreList", array(ref("Store")));
    s.put(
        "StoreWithSecret",
        object(
            List.of("store", "signingSecret"),
            prop("store", ref("Store")),
            prop("signingSecret", string("Shown once: configure it in the store now"))));
  }
}
