package io.influmeter.api;

import static io.influmeter.api.auth.Role.ADMIN;
import static io.influmeter.api.auth.Role.BRAND;
import static io.influmeter.api.auth.Role.INFLUENCER;
import static io.influmeter.api.http.Access.anyone;
import static io.influmeter.api.http.Access.probe;
import static io.influmeter.api.http.Access.roles;
import static io.influmeter.api.http.Access.signedIn;
import static io.influmeter.api.http.Route.get;
import static io.influmeter.api.http.Route.patch;
import static io.influmeter.api.http.Route.post;
import static io.influmeter.api.http.Route.put;

import io.influmeter.api.admin.DashboardController;
import io.influmeter.api.audit.AuditController;
import io.influmeter.api.auth.AuthController;
import io.influmeter.api.content.ContentController;
import io.influmeter.api.disputes.DisputeController;
import io.influmeter.api.docs.DocsController;
import io.influmeter.api.health.HealthController;
import io.influmeter.api.http.Route;
import io.influmeter.api.revenue.RevenueController;
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
      ContentController content,
      DisputeController disputes,
      RevenueController revenue,
      DashboardController dashboard) {}

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
            .returns(200, "RevenueReport"));
  }
}
