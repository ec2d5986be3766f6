package io.influmeter.api;

import static io.influmeter.api.auth.Role.ADMIN;
import static io.influmeter.api.auth.Role.BRAND;
import static io.influmeter.api.auth.Role.INFLUENCER;
import static io.influmeter.api.http.Access.anyone;
import static io.influmeter.api.http.Access.probe;
import static io.influmeter.api.http.Access.roles;
import static io.influmeter.api.http.Access.signedIn;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import io.influmeter.api.audit.AuditController;
import io.influmeter.api.auth.AuthController;
import io.influmeter.api.docs.DocsController;
import io.influmeter.api.health.HealthController;
import io.influmeter.api.http.Route;
import io.influmeter.api.http.Route.RouteDoc;
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
      AuditController audit) {}

  static List<Route> table(Controllers c) {
    return List.of(
        // Operations
        new Route(
            GET,
            "/health/live",
            probe(),
            c.health()::live,
            RouteDoc.of("operations", "Liveness: the process answers").returns(200, "Health")),
        new Route(
            GET,
            "/health/ready",
            probe(),
            c.health()::ready,
            RouteDoc.of("operations", "Readiness: the database answers").returns(200, "Health")),
        new Route(
            GET,
            "/metrics",
            probe(),
            c.health()::metrics,
            RouteDoc.of("operations", "Prometheus metrics").returnsMedia("text/plain")),
        new Route(
            GET,
            "/openapi.json",
            anyone(),
            c.docs()::openApi,
            RouteDoc.of("operations", "This OpenAPI document").returnsMedia("application/json")),
        new Route(
            GET,
            "/docs",
            anyone(),
            c.docs()::page,
            RouteDoc.of("operations", "Browsable API documentation").returnsMedia("text/html")),

        // Sign-up, sign-in, tokens
        new Route(
            POST,
            "/auth/register",
            anyone(),
            c.auth()::register,
            RouteDoc.of("auth", "Create a brand or influencer account with email and password")
                .body("Register")
                .returns(201, "TokenResponse")),
        new Route(
            POST,
            "/auth/login",
            anyone(),
            c.auth()::login,
            RouteDoc.of("auth", "Sign in with email and password")
                .body("Login")
                .returns(200, "TokenResponse")),
        new Route(
            POST,
            "/auth/google",
            anyone(),
            c.auth()::google,
            RouteDoc.of("auth", "Sign in (or up) as an influencer with a Google ID token")
                .body("GoogleSignIn")
                .returns(200, "TokenResponse")),
        new Route(
            POST,
            "/auth/facebook",
            anyone(),
            c.auth()::facebook,
            RouteDoc.of(
                    "auth", "Sign in (or up) as an influencer with a Facebook authorization code")
                .body("FacebookSignIn")
                .returns(200, "TokenResponse")),
        new Route(
            POST,
            "/auth/refresh",
            anyone(),
            c.auth()::refresh,
            RouteDoc.of("auth", "Exchange a refresh token for new tokens (rotation)")
                .body("Refresh")
                .returns(200, "TokenResponse")),
        new Route(
            POST,
            "/auth/logout",
            signedIn(),
            c.auth()::logout,
            RouteDoc.of("auth", "Sign out: revoke this session's tokens").returnsNothing(204)),

        // Accounts
        new Route(
            GET,
            "/users/me",
            signedIn(),
            c.users()::me,
            RouteDoc.of("users", "Your account and profile").returns(200, "Me")),
        new Route(
            PATCH,
            "/users/me",
            signedIn(),
            c.users()::updateMe,
            RouteDoc.of("users", "Edit your account and profile")
                .body("UpdateMe")
                .returns(200, "Me")),
        new Route(
            GET,
            "/users/{id}",
            roles(INFLUENCER, BRAND, ADMIN),
            c.users()::publicProfile,
            RouteDoc.of("users", "A brand's or influencer's public profile")
                .returns(200, "PublicProfile")),

        // Administration
        new Route(
            PUT,
            "/admin/users/{id}/verification",
            roles(ADMIN),
            c.users()::setVerification,
            RouteDoc.of("admin", "Set or clear a user's verified flag")
                .body("SetVerification")
                .returns(200, "AdminUser")),
        new Route(
            PUT,
            "/admin/users/{id}/status",
            roles(ADMIN),
            c.users()::setStatus,
            RouteDoc.of("admin", "Suspend or reinstate a user (suspension revokes their sessions)")
                .body("SetStatus")
                .returns(200, "AdminUser")),
        new Route(
            POST,
            "/admin/admins",
            roles(ADMIN),
            c.auth()::createAdmin,
            RouteDoc.of("admin", "Create another admin account")
                .body("CreateAdmin")
                .returns(201, "Me")),
        new Route(
            GET,
            "/admin/audit-log",
            roles(ADMIN),
            c.audit()::list,
            RouteDoc.of("admin", "Read the audit log, newest first").returns(200, "AuditPage")));
  }
}
