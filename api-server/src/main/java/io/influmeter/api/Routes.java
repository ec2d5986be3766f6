package io.influmeter.api;

import static io.influmeter.api.auth.Role.ADMIN;
import static io.influmeter.api.auth.Role.BRAND;
import static io.influmeter.api.auth.Role.INFLUENCER;
import static io.influmeter.api.http.Access.anyone;
import static io.influmeter.api.http.Access.probe;
import static io.influmeter.api.http.Access.roles;
import static io.influmeter.api.http.Access.signedIn;
import static io.influmeter.api.http.Route.delete;
import static io.influmeter.api.http.Route.get;
import static io.influmeter.api.http.Route.patch;
import static io.influmeter.api.http.Route.post;
import static io.influmeter.api.http.Route.put;

import io.influmeter.api.admin.DashboardController;
import io.influmeter.api.analytics.AnalyticsController;
import io.influmeter.api.applications.ApplicationController;
import io.influmeter.api.audit.AuditController;
import io.influmeter.api.auth.AuthController;
import io.influmeter.api.campaigns.CampaignController;
import io.influmeter.api.campaigns.TargetingController;
import io.influmeter.api.content.ContentController;
import io.influmeter.api.dashboard.DashboardPage;
import io.influmeter.api.disputes.DisputeController;
import io.influmeter.api.docs.DocsController;
import io.influmeter.api.health.HealthController;
import io.influmeter.api.http.Route;
import io.influmeter.api.influencers.InfluencerController;
import io.influmeter.api.insights.InsightController;
import io.influmeter.api.live.LiveController;
import io.influmeter.api.referrals.ReferralController;
import io.influmeter.api.revenue.RevenueController;
import io.influmeter.api.stores.StoreController;
import io.influmeter.api.users.UserController;
import java.util.List;

/**
 * Every route of the API, with who may call it. This table is the API's table of contents: the
 * server registers exactly these, the OpenAPI document describes exactly these, and the
 * authorization matrix test has a row for each.
 */
final class Routes {
  private Routes() {}

  /** The controllers the table dispatches to. */
  record Controllers(
      HealthController health,
      DocsController docs,
      AuthController auth,
      UserController users,
      AuditController audit,
      CampaignController campaigns,
      TargetingController targeting,
      InfluencerController influencers,
      ApplicationController applications,
      ReferralController referrals,
      StoreController stores,
      ContentController content,
      DisputeController disputes,
      RevenueController revenue,
      DashboardController dashboard,
      InsightController insights,
      AnalyticsController analytics,
      LiveController live,
      DashboardPage dashboardPage) {}

  static List<Route> table(Controllers c) {
    return List.of(
        // Operations
        get("/health/live", probe(), c.health()::live)
            .doc("operations", "Liveness: the process answers")
            .returns(200, "Health"),
        get("/health/ready", probe(), c.health()::ready)
            .doc("operations", "Readiness: the database answers")
            .returns(200, "Health"),
        get("/metrics", probe(), c.health()::metrics)
            .doc("operations", "Prometheus metrics")
            .returnsMedia("text/plain"),
        get("/openapi.json", anyone(), c.docs()::openApi)
            .doc("operations", "This OpenAPI document")
            .returnsMedia("application/json"),
        get("/docs", anyone(), c.docs()::page)
            .doc("operations", "Browsable API documentation")
            .returnsMedia("text/html"),

        // Sign-up, sign-in, tokens
        post("/auth/register", anyone(), c.auth()::register)
            .doc("auth", "Create a brand or influencer account with email and password")
            .body("Register")
            .returns(201, "TokenResponse"),
        post("/auth/login", anyone(), c.auth()::login)
            .doc("auth", "Sign in with email and password")
            .body("Login")
            .returns(200, "TokenResponse"),
        post("/auth/google", anyone(), c.auth()::google)
            .doc("auth", "Sign in (or up) as an influencer with a Google ID token")
            .body("GoogleSignIn")
            .returns(200, "TokenResponse"),
        post("/auth/facebook", anyone(), c.auth()::facebook)
            .doc("auth", "Sign in (or up) as an influencer with a Facebook authorization code")
            .body("FacebookSignIn")
            .returns(200, "TokenResponse"),
        post("/auth/refresh", anyone(), c.auth()::refresh)
            .doc("auth", "Exchange a refresh token for new tokens (rotation)")
            .body("Refresh")
            .returns(200, "TokenResponse"),
        post("/auth/logout", signedIn(), c.auth()::logout)
            .doc("auth", "Sign out: revoke this session's tokens")
            .returnsNothing(204),

        // Accounts
        get("/users/me", signedIn(), c.users()::me)
            .doc("users", "Your account and profile")
            .returns(200, "Me"),
        patch("/users/me", signedIn(), c.users()::updateMe)
            .doc("users", "Edit your account and profile")
            .body("UpdateMe")
            .returns(200, "Me"),
        get("/users/{id}", roles(INFLUENCER, BRAND, ADMIN), c.users()::publicProfile)
            .doc("users", "A brand's or influencer's public profile")
            .returns(200, "PublicProfile"),

        // Administration
        put("/admin/users/{id}/verification", roles(ADMIN), c.users()::setVerification)
            .doc("admin", "Set or clear a user's verified flag")
            .body("SetVerification")
            .returns(200, "AdminUser"),
        put("/admin/users/{id}/status", roles(ADMIN), c.users()::setStatus)
            .doc("admin", "Suspend or reinstate a user (suspension revokes their sessions)")
            .body("SetStatus")
            .returns(200, "AdminUser"),
        post("/admin/admins", roles(ADMIN), c.auth()::createAdmin)
            .doc("admin", "Create another admin account")
            .body("CreateAdmin")
            .returns(201, "Me"),
        get("/admin/audit-log", roles(ADMIN), c.audit()::list)
            .doc("admin", "Read the audit log, newest first")
            .returns(200, "AuditPage"),

        // Campaigns (brand side, admin moderation)
        post("/brands/campaigns", roles(BRAND), c.campaigns()::create)
            .doc("campaigns", "Create a campaign (as a DRAFT)")
            .body("CampaignInput")
            .returns(201, "Campaign"),
        get("/brands/campaigns", roles(BRAND), c.campaigns()::list)
            .doc("campaigns", "Your campaigns, newest first; filter status; limit, offset")
            .returns(200, "CampaignPage"),
        get("/brands/campaigns/{id}", roles(BRAND), c.campaigns()::get)
            .doc("campaigns", "One of your campaigns")
            .returns(200, "Campaign"),
        patch("/brands/campaigns/{id}", roles(BRAND), c.campaigns()::update)
            .doc(
                "campaigns",
                "Edit a campaign (limited once approved; a rejected one returns to DRAFT)")
            .body("CampaignInput")
            .returns(200, "Campaign"),
        post("/brands/campaigns/{id}/submit", roles(BRAND), c.campaigns()::submit)
            .doc("campaigns", "Submit a DRAFT campaign for review")
            .returns(200, "Campaign"),
        post("/brands/campaigns/{id}/close", roles(BRAND), c.campaigns()::close)
            .doc("campaigns", "Close an ACTIVE campaign early (COMPLETED)")
            .returns(200, "Campaign"),
        post("/brands/campaigns/{id}/cancel", roles(BRAND), c.campaigns()::cancel)
            .doc("campaigns", "Cancel a DRAFT, SUBMITTED or APPROVED campaign")
            .returns(200, "Campaign"),
        get("/brands/influencers", roles(BRAND), c.targeting()::influencers)
            .doc("campaigns", "Influencers matching filters; sort, limit, offset")
            .returns(200, "InfluencerPage"),
        get("/brands/campaigns/{id}/matches", roles(BRAND), c.targeting()::matches)
            .doc("campaigns", "Influencers matching the campaign's target filters")
            .returns(200, "InfluencerPage"),
        post("/brands/campaigns/{id}/invitations", roles(BRAND), c.targeting()::invite)
            .doc("campaigns", "Invite an influencer to an APPROVED or ACTIVE campaign")
            .body("Invite")
            .returns(201, "Participant"),
        delete(
                "/brands/campaigns/{id}/invitations/{influencerId}",
                roles(BRAND),
                c.targeting()::withdraw)
            .doc("campaigns", "Withdraw a pending invitation")
            .returns(200, "Participant"),
        get("/brands/campaigns/{id}/participants", roles(BRAND), c.targeting()::participants)
            .doc("campaigns", "The campaign's invited, applying and accepted influencers")
            .returns(200, "ParticipantList"),
        post("/brands/campaigns/{id}/rebook", roles(BRAND), c.targeting()::rebook)
            .doc("campaigns", "Invite every accepted influencer of a past campaign")
            .body("Rebook")
            .returns(200, "RebookResult"),
        get("/admin/campaigns", roles(ADMIN), c.campaigns()::adminList)
            .doc("admin", "Campaigns by status (status=SUBMITTED: the review queue)")
            .returns(200, "CampaignPage"),
        post("/admin/campaigns/{id}/approve", roles(ADMIN), c.campaigns()::approve)
            .doc("admin", "Approve a SUBMITTED campaign")
            .returns(200, "Campaign"),
        post("/admin/campaigns/{id}/reject", roles(ADMIN), c.campaigns()::reject)
            .doc("admin", "Reject a SUBMITTED campaign with a reason")
            .body("Reject")
            .returns(200, "Campaign"),
        // Influencers, referral links, stores
        get("/influencers/me/profile", roles(INFLUENCER), c.influencers()::profile)
            .doc("influencers", "Your influencer profile (followers and engagement are measured)")
            .returns(200, "InfluencerProfile"),
        put("/influencers/me/profile", roles(INFLUENCER), c.influencers()::updateProfile)
            .doc("influencers", "Replace your influencer profile")
            .body("InfluencerProfileUpdate")
            .returns(200, "InfluencerProfile"),
        get("/influencers/campaigns", roles(INFLUENCER), c.influencers()::discover)
            .doc("influencers", "Discover: open campaigns that target you (limit, offset)")
            .returns(200, "DiscoverPage"),
        post("/influencers/campaigns/{id}/applications", roles(INFLUENCER), c.applications()::apply)
            .doc("influencers", "Apply to a campaign that targets you")
            .body("Apply")
            .returns(201, "Participation"),
        delete(
                "/influencers/campaigns/{id}/applications",
                roles(INFLUENCER),
                c.applications()::withdraw)
            .doc("influencers", "Withdraw your pending application")
            .returns(200, "Participation"),
        get("/influencers/invitations", roles(INFLUENCER), c.applications()::invitations)
            .doc("influencers", "Your open invitations")
            .returns(200, "InvitationList"),
        post(
                "/influencers/invitations/{campaignId}/accept",
                roles(INFLUENCER),
                c.applications()::acceptInvitation)
            .doc("influencers", "Accept an invitation: creates your referral link and promo code")
            .returns(200, "Participation"),
        post(
                "/influencers/invitations/{campaignId}/decline",
                roles(INFLUENCER),
                c.applications()::declineInvitation)
            .doc("influencers", "Decline an invitation")
            .returns(200, "Participation"),
        post(
                "/brands/campaigns/{id}/applications/{influencerId}/accept",
                roles(BRAND),
                c.applications()::accept)
            .doc("brands", "Accept an application: creates the influencer's link and code")
            .returns(200, "Participation"),
        post(
                "/brands/campaigns/{id}/applications/{influencerId}/decline",
                roles(BRAND),
                c.applications()::decline)
            .doc("brands", "Decline an application")
            .returns(200, "Participation"),
        get("/influencers/links", roles(INFLUENCER), c.referrals()::mine)
            .doc("referrals", "Your referral links and promo codes")
            .returns(200, "ReferralLinkList"),
        get("/brands/campaigns/{id}/links", roles(BRAND), c.referrals()::ofCampaign)
            .doc("referrals", "The referral links and codes of your campaign")
            .returns(200, "ReferralLinkList"),
        post("/influencers/links/{id}/pause", roles(INFLUENCER), c.referrals()::pause)
            .doc("referrals", "Pause your link (it redirects to the fallback)")
            .returns(200, "ReferralLink"),
        post("/influencers/links/{id}/resume", roles(INFLUENCER), c.referrals()::resume)
            .doc("referrals", "Resume your paused link")
            .returns(200, "ReferralLink"),
        post("/brands/links/{id}/pause", roles(BRAND), c.referrals()::pause)
            .doc("referrals", "Pause a link of your campaign")
            .returns(200, "ReferralLink"),
        post("/brands/links/{id}/resume", roles(BRAND), c.referrals()::resume)
            .doc("referrals", "Resume a paused link of your campaign")
            .returns(200, "ReferralLink"),
        post("/brands/links/{id}/retire", roles(BRAND), c.referrals()::retire)
            .doc("referrals", "Retire a link of your campaign for good")
            .returns(200, "ReferralLink"),
        post("/brands/stores", roles(BRAND), c.stores()::register)
            .doc("stores", "Register a store: webhook URL and signing secret (shown once)")
            .body("RegisterStore")
            .returns(201, "StoreWithSecret"),
        get("/brands/stores", roles(BRAND), c.stores()::list)
            .doc("stores", "Your stores (never their secrets)")
            .returns(200, "StoreList"),
        post("/brands/stores/{id}/rotate-secret", roles(BRAND), c.stores()::rotate)
            .doc("stores", "New signing secret (shown once); the old one verifies for graceHours")
            .body("RotateStoreSecret")
            .returns(200, "StoreWithSecret"),
        // Content, disputes, admin reports
        post("/campaigns/{id}/content", roles(INFLUENCER), c.content()::upload)
            .doc("content", "Upload content for a campaign you are accepted in (multipart)")
            .multipartBody("ContentUpload")
            .returns(201, "ContentDetail"),
        get("/campaigns/{id}/content", roles(INFLUENCER, BRAND, ADMIN), c.content()::list)
            .doc("content", "A campaign's content (brand: all; influencer: own; admin: all)")
            .returns(200, "ContentList"),
        get("/content/{id}", roles(INFLUENCER, BRAND, ADMIN), c.content()::get)
            .doc("content", "One content item with its revisions and review history")
            .returns(200, "ContentDetail"),
        post("/content/{id}/revisions", roles(INFLUENCER), c.content()::uploadRevision)
            .doc("content", "Upload a new revision after the brand requested changes (multipart)")
            .multipartBody("ContentUpload")
            .returns(201, "ContentDetail"),
        get("/content/{id}/download-url", roles(INFLUENCER, BRAND, ADMIN), c.content()::downloadUrl)
            .doc("content", "An expiring signed URL of the current revision's file")
            .returns(200, "DownloadUrl"),
        get("/content/files/{token}", anyone(), c.content()::file)
            .doc("content", "The file a signed download URL names, as an attachment")
            .returnsMedia("application/octet-stream"),
        post("/content/{id}/approve", roles(BRAND), c.content()::approve)
            .doc("content", "Approve the current revision (the campaign's brand)")
            .returns(200, "ContentDetail"),
        post("/content/{id}/request-changes", roles(BRAND), c.content()::requestChanges)
            .doc("content", "Ask for changes to the current revision (the campaign's brand)")
            .body("RequestChanges")
            .returns(200, "ContentDetail"),
        post("/content/{id}/flags", signedIn(), c.content()::flag)
            .doc("content", "Report content for admin review")
            .body("FlagContent")
            .returns(201, "ContentFlag"),
        get("/admin/content/flagged", roles(ADMIN), c.content()::flagged)
            .doc("admin", "Flagged content waiting for review")
            .returns(200, "FlaggedContent"),
        post("/admin/content/{id}/remove", roles(ADMIN), c.content()::remove)
            .doc("admin", "Remove content (hidden and no longer served); closes its flags")
            .optionalBody("ModerationNote")
            .returns(200, "ContentDetail"),
        post("/admin/content/{id}/restore", roles(ADMIN), c.content()::restore)
            .doc("admin", "Restore flagged or removed content; closes its flags")
            .optionalBody("ModerationNote")
            .returns(200, "ContentDetail"),
        post("/disputes", roles(INFLUENCER, BRAND), c.disputes()::open)
            .doc("disputes", "Open a dispute about a conversion, payout or content decision")
            .body("OpenDispute")
            .returns(201, "Dispute"),
        get("/disputes", roles(INFLUENCER, BRAND), c.disputes()::mine)
            .doc("disputes", "Disputes you are a party to, newest first")
            .returns(200, "DisputeList"),
        get("/admin/disputes", roles(ADMIN), c.disputes()::all)
            .doc("admin", "All disputes, optionally ?status=OPEN or RESOLVED")
            .returns(200, "DisputeList"),
        post("/admin/disputes/{id}/resolve", roles(ADMIN), c.disputes()::resolve)
            .doc("admin", "Resolve a dispute (both parties are notified)")
            .body("ResolveDispute")
            .returns(200, "Dispute"),
        get("/admin/dashboard", roles(ADMIN), c.dashboard()::dashboard)
            .doc("admin", "Counts of users, campaigns, pending reviews, disputes; revenue")
            .returns(200, "Dashboard"),
        put("/admin/campaigns/{id}/fee-rule", roles(ADMIN), c.revenue()::setCampaignRule)
            .doc("admin", "Set a campaign's platform fee rule")
            .body("SetFeeRule")
            .returns(200, "FeeRule"),
        put("/admin/plans/{plan}/fee-rule", roles(ADMIN), c.revenue()::setPlanRule)
            .doc("admin", "Set a subscription plan's platform fee rule")
            .body("SetFeeRule")
            .returns(200, "FeeRule"),
        post("/admin/subscriptions", roles(ADMIN), c.revenue()::recordSubscription)
            .doc("admin", "Record a brand's paid subscription period")
            .body("RecordSubscription")
            .returns(201, "Subscription"),
        get("/admin/reports/revenue", roles(ADMIN), c.revenue()::revenue)
            .doc("admin", "Platform revenue per month: ?from=&to= (dates), &format=json|csv")
            .returns(200, "RevenueReport"),
        // AI insights
        post("/campaigns/{id}/insights", roles(BRAND, ADMIN), c.insights()::create)
            .doc("insights", "Write a report on the campaign now (at most one per minute)")
            .returns(201, "Insight"),
        get("/campaigns/{id}/insights", roles(BRAND, ADMIN), c.insights()::list)
            .doc("insights", "The campaign's AI reports, newest first")
            .returns(200, "InsightPage"),
        get("/admin/insights/costs", roles(ADMIN), c.insights()::costs)
            .doc("admin", "AI report cost and tokens per day and model")
            .returns(200, "InsightCosts"),
        // Analytics (read side of the result tables; the contract is in the README)
        get(
                "/analytics/campaigns/{id}/summary",
                roles(BRAND, ADMIN, INFLUENCER),
                c.analytics()::summary)
            .doc(
                "analytics",
                "Campaign totals (brand: own campaigns; influencer: own numbers); from, to, tz,"
                    + " region, gender, industry, platform, followers_min, followers_max")
            .returns(200, "AnalyticsSummary"),
        get(
                "/analytics/campaigns/{id}/timeseries",
                roles(BRAND, ADMIN, INFLUENCER),
                c.analytics()::timeSeries)
            .doc(
                "analytics",
                "Campaign series by bucket=minute|hour, labelled in tz with the offset; same"
                    + " filters as summary")
            .returns(200, "AnalyticsTimeSeries"),
        get(
                "/analytics/campaigns/{id}/leaderboard",
                roles(BRAND, ADMIN),
                c.analytics()::leaderboard)
            .doc(
                "analytics",
                "Influencers of a campaign ranked by=revenue|conversions|clicks|engagement_rate|"
                    + "revenue_per_1k_followers|roas|net_revenue; limit (1-100, default 10)")
            .returns(200, "AnalyticsLeaderboard"),
        get("/analytics/leaderboard", roles(ADMIN), c.analytics()::platformLeaderboard)
            .doc(
                "analytics",
                "Platform-wide influencer leaderboard in one currency (currency required); by,"
                    + " limit, from, to (default last 30 days), filters")
            .returns(200, "AnalyticsLeaderboard"),
        get(
                "/analytics/influencers/me/summary",
                roles(INFLUENCER),
                c.analytics()::influencerSummary)
            .doc(
                "analytics",
                "Your own totals across campaigns, money per currency; from, to (default last 30"
                    + " days)")
            .returns(200, "AnalyticsInfluencerSummary"),
        get(
                "/analytics/campaigns/{id}/export.csv",
                roles(BRAND, ADMIN, INFLUENCER),
                c.analytics()::export)
            .doc(
                "analytics",
                "CSV (RFC 4180, streamed) of table=influencers|timeseries|orders; same filters and"
                    + " visibility as summary")
            .returnsMedia("text/csv"),
        get(
                "/analytics/campaigns/{id}/report",
                roles(BRAND, ADMIN, INFLUENCER),
                c.analytics()::report)
            .doc(
                "analytics",
                "Printable HTML campaign report with inline SVG charts (no script); same filters"
                    + " and visibility as summary")
            .returnsMedia("text/html"),
        // Live dashboard stream
        post(
                "/analytics/campaigns/{id}/live-token",
                roles(INFLUENCER, BRAND, ADMIN),
                c.live()::token)
            .doc(
                "analytics",
                "A one-minute token that opens the campaign's live stream (brand, admin,"
                    + " accepted influencer)")
            .returns(201, "LiveToken"),
        get("/analytics/campaigns/{id}/live", anyone(), c.live()::stream)
            .doc(
                "analytics",
                "Server-sent events: update when the campaign's numbers change, heartbeat every"
                    + " 5 s; ?token= from live-token (no bearer header)")
            .returnsMedia("text/event-stream"),
        // Brand dashboard page (static files; its calls go to the routes above)
        get("/dashboard", anyone(), c.dashboardPage()::page)
            .doc("dashboard", "The live brand dashboard (HTML page)")
            .returnsMedia("text/html"),
        get("/dashboard/assets/{name}", anyone(), c.dashboardPage()::asset)
            .doc("dashboard", "The dashboard's scripts and styles (uPlot included)")
            .returnsMedia("text/javascript"));
  }
}
