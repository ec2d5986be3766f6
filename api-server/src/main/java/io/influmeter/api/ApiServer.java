package io.influmeter.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.audit.AuditController;
import io.influmeter.api.auth.AccessTokens;
import io.influmeter.api.auth.AuthController;
import io.influmeter.api.auth.AuthService;
import io.influmeter.api.auth.FacebookSignIn;
import io.influmeter.api.auth.GoogleSignIn;
import io.influmeter.api.auth.LoginThrottle;
import io.influmeter.api.auth.PasswordHasher;
import io.influmeter.api.auth.PasswordPolicy;
import io.influmeter.api.auth.SessionService;
import io.influmeter.api.docs.DocsController;
import io.influmeter.api.health.HealthController;
import io.influmeter.api.http.AuthGate;
import io.influmeter.api.http.HttpMetrics;
import io.influmeter.api.http.Json;
import io.influmeter.api.http.ProblemMapper;
import io.influmeter.api.http.RateLimiter;
import io.influmeter.api.http.Route;
import io.influmeter.api.http.SecurityHeaders;
import io.influmeter.api.insights.Insights;
import io.influmeter.api.insights.InsightsConfig;
import io.influmeter.api.users.UserController;
import io.influmeter.api.users.UserService;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;

/**
 * Builds the api-server from explicit dependencies and returns it unstarted: no statics, no
 * singletons, so tests build as many as they like (each with its own clock and config).
 */
public final class ApiServer {
  private final Javalin app;
  private final List<Route> routes;
  private final AuthService auth;
  private final String openApiDocument;
  private final Insights insights;

  private ApiServer(
      Javalin app, List<Route> routes, AuthService auth, DocsController docs, Insights insights) {
    this.app = app;
    this.routes = routes;
    this.auth = auth;
    this.openApiDocument = docs.document();
    this.insights = insights;
  }

  /** The server with the built-in (offline) insight writer. */
  public static ApiServer create(
      ApiConfig config, DSLContext dsl, Clock clock, PrometheusMeterRegistry registry) {
    return create(config, InsightsConfig.builtin(), dsl, clock, registry);
  }

  public static ApiServer create(
      ApiConfig config,
      InsightsConfig insightsConfig,
      DSLContext dsl,
      Clock clock,
      PrometheusMeterRegistry registry) {
    ObjectMapper json = Json.mapper();
    // AI insights
    var insights = Insights.create(insightsConfig, dsl, clock, json);
    var accessTokens = new AccessTokens(config.jwtSigningKeys(), config.accessTokenTtl(), clock);
    var sessions = new SessionService(dsl, clock, accessTokens, config.refreshTokenTtl(), json);
    var authService =
        new AuthService(
            dsl,
            clock,
            new PasswordHasher(),
            new PasswordPolicy(),
            sessions,
            new LoginThrottle(dsl, clock, config.loginThrottle()),
            config.google().map(google -> new GoogleSignIn(google, clock)),
            config.facebook().map(FacebookSignIn::new),
            json);
    var table = new AtomicReference<List<Route>>();
    var docs = new DocsController(table::get, json);
    List<Route> routes =
        Routes.table(
            new Routes.Controllers(
                new HealthController(dsl, registry),
                docs,
                new AuthController(authService, sessions, json),
                new UserController(new UserService(dsl, clock, json), json),
                new AuditController(dsl, json),
                insights.controller()));
    table.set(routes);
    var gate = new AuthGate(accessTokens, dsl, new RateLimiter(dsl, clock), config.rateLimits());
    var metrics = new HttpMetrics(registry);
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.jetty.host = config.host();
              cfg.jetty.port = config.port();
              cfg.http.maxRequestSize = config.maxRequestBytes();
              cfg.jsonMapper(new JavalinJackson(json, false));
              cfg.requestLogger.http(metrics::record);
              if (!config.corsAllowedOrigins().isEmpty()) {
                cfg.bundledPlugins.enableCors(
                    cors ->
                        cors.addRule(
                            rule -> {
                              List<String> origins = config.corsAllowedOrigins();
                              rule.allowHost(
                                  origins.get(0),
                                  origins.subList(1, origins.size()).toArray(String[]::new));
                              rule.allowCredentials = false;
                              rule.maxAge = 600;
                            }));
              }
              cfg.routes.before(SecurityHeaders::apply);
              cfg.routes.beforeMatched(gate);
              for (Route route : routes) {
                cfg.routes.addHttpHandler(
                    route.method(), route.path(), route.handler(), route.access().routeRoles());
              }
              ProblemMapper.register(cfg.routes);
            });
    return new ApiServer(app, routes, authService, docs, insights);
  }

  public ApiServer start() {
    app.start();
    return this;
  }

  public void stop() {
    app.stop();
  }

  /** The bound port once started. */
  public int port() {
    return app.port();
  }

  /** The routes table the server serves. */
  public List<Route> routes() {
    return routes;
  }

  public String openApiDocument() {
    return openApiDocument;
  }

  /** The Javalin instance (tests read its registered endpoints). */
  public Javalin javalin() {
    return app;
  }

  /** The insight engine, shared with the runtime's trigger worker and scheduler. */
  public Insights insights() {
    return insights;
  }

  /** Account operations used at start-up (the bootstrap admin). */
  public AuthService auth() {
    return auth;
  }
}
