package io.influmeter.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.admin.DashboardController;
import io.influmeter.api.analytics.AnalyticsController;
import io.influmeter.api.analytics.AnalyticsService;
import io.influmeter.api.applications.ApplicationController;
import io.influmeter.api.applications.ApplicationService;
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
import io.influmeter.api.campaigns.CampaignController;
import io.influmeter.api.campaigns.CampaignService;
import io.influmeter.api.campaigns.CampaignSweeper;
import io.influmeter.api.campaigns.CampaignTransitions;
import io.influmeter.api.campaigns.InfluencerSearch;
import io.influmeter.api.campaigns.InvitationService;
import io.influmeter.api.campaigns.TargetingController;
import io.influmeter.api.content.ContentController;
import io.influmeter.api.content.ContentModeration;
import io.influmeter.api.content.ContentService;
import io.influmeter.api.content.ContentStorage;
import io.influmeter.api.content.DownloadTokens;
import io.influmeter.api.content.LocalContentStorage;
import io.influmeter.api.content.S3ContentStorage;
import io.influmeter.api.content.UploadInspector;
import io.influmeter.api.dashboard.DashboardPage;
import io.influmeter.api.disputes.DisputeController;
import io.influmeter.api.disputes.DisputeService;
import io.influmeter.api.docs.DocsController;
import io.influmeter.api.health.HealthController;
import io.influmeter.api.http.AuthGate;
import io.influmeter.api.http.HttpMetrics;
import io.influmeter.api.http.Json;
import io.influmeter.api.http.ProblemMapper;
import io.influmeter.api.http.RateLimiter;
import io.influmeter.api.http.Route;
import io.influmeter.api.http.SecurityHeaders;
import io.influmeter.api.influencers.DiscoverService;
import io.influmeter.api.influencers.InfluencerController;
import io.influmeter.api.influencers.InfluencerProfileService;
import io.influmeter.api.insights.Insights;
import io.influmeter.api.insights.InsightsConfig;
import io.influmeter.api.live.ChangeFeed;
import io.influmeter.api.live.LiveController;
import io.influmeter.api.notifications.NotificationOutbox;
import io.influmeter.api.referrals.ReferralController;
import io.influmeter.api.referrals.ReferralLinkPublisher;
import io.influmeter.api.referrals.ReferralLinkService;
import io.influmeter.api.revenue.FeeRuleService;
import io.influmeter.api.revenue.RevenueController;
import io.influmeter.api.revenue.RevenueReport;
import io.influmeter.api.stores.StoreController;
import io.influmeter.api.stores.StoreService;
import io.influmeter.api.users.UserController;
import io.influmeter.api.users.UserService;
import io.influmeter.events.ReferralLink;
import io.influmeter.schemas.registry.SchemaRegistries;
import io.influmeter.schemas.secrets.SecretBox;
import io.influmeter.schemas.serde.AvroSerde;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.SecureRandom;
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
  private final CampaignSweeper campaignSweeper;
  private final Insights insights;
  private final LiveController live;

  private ApiServer(
      Javalin app,
      List<Route> routes,
      AuthService auth,
      DocsController docs,
      CampaignSweeper campaignSweeper,
      Insights insights,
      LiveController live) {
    this.app = app;
    this.routes = routes;
    this.auth = auth;
    this.openApiDocument = docs.document();
    this.campaignSweeper = campaignSweeper;
    this.insights = insights;
    this.live = live;
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
    // Campaign edits republish the campaign's links (the ReferralLink record carries its terms).
    var integrations = config.integrations();
    var linkSerde =
        new AvroSerde<>(
            ReferralLink.class, SchemaRegistries.fromUrl(integrations.schemaRegistryUrl()));
    var linkPublisher = new ReferralLinkPublisher(linkSerde, clock);

    // Campaigns (brand side, admin moderation)
    var notificationOutbox = new NotificationOutbox(clock, json);
    var campaignSweeper = new CampaignSweeper(dsl, clock, json);
    var campaignController =
        new CampaignController(
            new CampaignService(dsl, clock, json, campaignSweeper, linkPublisher),
            new CampaignTransitions(dsl, clock, json, notificationOutbox, campaignSweeper),
            json);
    var targetingController =
        new TargetingController(
            new InfluencerSearch(dsl, json),
            new InvitationService(dsl, clock, json, notificationOutbox, campaignSweeper),
            dsl,
            json);
    // Influencers, referral links, stores
    var links =
        new ReferralLinkService(
            dsl, clock, json, linkPublisher, new SecureRandom(), integrations.ingestPublicUrl());
    var influencers =
        new InfluencerController(
            new InfluencerProfileService(dsl, clock, json), new DiscoverService(dsl, clock), json);
    var applications =
        new ApplicationController(
            new ApplicationService(dsl, clock, json, links, notificationOutbox), json);
    var stores =
        new StoreController(
            new StoreService(
                dsl,
                clock,
                json,
                new SecretBox(integrations.storeSecretKey()),
                integrations.ingestPublicUrl()),
            json);
    // Content, disputes, admin reports
    var contentConfig = config.content();
    ContentStorage contentStorage =
        contentConfig
            .s3()
            .<ContentStorage>map(s3 -> new S3ContentStorage(s3, clock))
            .orElseGet(() -> new LocalContentStorage(contentConfig.storageDir()));
    var contentController =
        new ContentController(
            new ContentService(
                dsl,
                clock,
                contentStorage,
                new UploadInspector(contentConfig),
                new DownloadTokens(contentConfig.urlKey(), contentConfig.urlTtl(), clock),
                notificationOutbox),
            new ContentModeration(dsl, clock, json),
            contentConfig,
            json);
    var disputeController =
        new DisputeController(new DisputeService(dsl, clock, notificationOutbox, json), json);
    var revenueController =
        new RevenueController(new FeeRuleService(dsl, clock, json), new RevenueReport(dsl), json);
    var dashboardController = new DashboardController(dsl, clock);
    // Live dashboard: one change listener for every connected browser.
    var live =
        LiveController.create(
            dsl, config.jwtSigningKeys(), clock, json, ChangeFeed.Settings.defaults());

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
                campaignController,
                targetingController,
                influencers,
                applications,
                new ReferralController(links),
                stores,
                contentController,
                disputeController,
                revenueController,
                dashboardController,
                insights.controller(),
                new AnalyticsController(new AnalyticsService(dsl, clock), clock),
                live,
                new DashboardPage()));
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
              // Uploads: parts above 64 KiB spool to disk; the whole body is capped by the
              // largest upload (JSON bodies keep maxRequestSize).
              cfg.jetty.multipartConfig.cacheDirectory(
                  contentConfig.uploadTempDir().toAbsolutePath().toString());
              cfg.jetty.multipartConfig.maxFileSize(
                  contentConfig.maxUploadRequestBytes(), SizeUnit.BYTES);
              cfg.jetty.multipartConfig.maxTotalRequestSize(
                  contentConfig.maxUploadRequestBytes(), SizeUnit.BYTES);
              cfg.jetty.multipartConfig.maxInMemoryFileSize(64, SizeUnit.KB);
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
    return new ApiServer(app, routes, authService, docs, campaignSweeper, insights, live);
  }

  public ApiServer start() {
    app.start();
    return this;
  }

  public void stop() {
    live.close();
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

  /** Moves campaigns on by their dates; {@link ApiRuntime} runs it periodically. */
  public CampaignSweeper campaignSweeper() {
    return campaignSweeper;
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
