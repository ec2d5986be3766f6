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

import io.influmeter.api.audit.AuditController;
import io.influmeter.api.auth.AuthController;
import io.influmeter.api.docs.DocsController;
import io.influmeter.api.health.HealthController;
import io.influmeter.api.http.Route;
import io.influmeter.api.insights.InsightController;
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
      InsightController insights) {}

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

        // AI insights
        post("/campaigns/{id}/insights", roles(BRAND, ADMIN), c.insights()::create)
            .doc("insights", "Write a report on the campaign now (at most one per minute)")
            .returns(201, "Insight"),
        get("/campaigns/{id}/insights", roles(BRAND, ADMIN), c.insights()::list)
            .doc("insights", "The campaign's AI reports, newest first")
            .returns(200, "InsightPage"),
        get("/admin/insights/costs", roles(ADMIN), c.insights()::costs)
            .doc("admin", "AI report cost and tokens per day and model")
            .returns(200, "InsightCosts"));
  }
}
