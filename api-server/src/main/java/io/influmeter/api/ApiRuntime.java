package io.influmeter.api;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.influmeter.api.analytics.RevenueRollup;
import io.influmeter.api.auth.SecurityStateCleanup;
import io.influmeter.api.http.Json;
import io.influmeter.api.insights.InsightsConfig;
import io.influmeter.api.insights.TriggerWorker;
import io.influmeter.api.notifications.NotificationRuntime;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running api-server with its connection pool: what {@link ApiMain} starts, and the in-process
 * entry point of the local stack ({@code ApiRuntime.start(ApiConfig.localStack(...))}). Closing it
 * stops the server, then the pool.
 */
public final class ApiRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRuntime.class);

  private static final Duration CLEANUP_EVERY = Duration.ofMinutes(10);
  // Reads also sweep the campaigns they show, so this only bounds how late an unread campaign's
  // status (and its audit entry) catches up with its dates.
  private static final Duration CAMPAIGN_SWEEP_EVERY = Duration.ofMinutes(1);

  /** How often campaign_revenue_daily is brought up to date from attributions. */
  static final Duration REVENUE_ROLLUP_EVERY = Duration.ofMinutes(1);

  private final HikariDataSource dataSource;
  private final ApiServer server;
  private final ScheduledExecutorService cleanup;
  private final NotificationRuntime notifications;
  private final Optional<TriggerWorker> triggerWorker;

  private ApiRuntime(
      HikariDataSource dataSource,
      ApiServer server,
      ScheduledExecutorService cleanup,
      NotificationRuntime notifications,
      Optional<TriggerWorker> triggerWorker) {
    this.dataSource = dataSource;
    this.server = server;
    this.cleanup = cleanup;
    this.notifications = notifications;
    this.triggerWorker = triggerWorker;
  }

  /** The runtime with the built-in insight writer and no trigger worker. */
  public static ApiRuntime start(ApiConfig config) {
    return start(config, InsightsConfig.builtin());
  }

  /**
   * The runtime; with {@code KAFKA_BOOTSTRAP_SERVERS} in the insights configuration it also runs
   * the ai.triggers worker.
   */
  public static ApiRuntime start(ApiConfig config, InsightsConfig insights) {
    HikariDataSource dataSource = pool(config.databaseUrl());
    try {
      if (config.migrateOnStart()) {
        migrate(dataSource);
      }
      var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      var dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
      var clock = Clock.systemUTC();
      var server = ApiServer.create(config, insights, dsl, clock, registry);
      config
          .bootstrapAdmin()
          .ifPresent(
              admin -> {
                if (server.auth().bootstrapAdmin(admin.email(), admin.password())) {
                  LOG.info("created the bootstrap admin account {}", admin.email());
                }
              });
      server.start();
      LOG.info("api-server listening on {}:{}", config.host(), server.port());
      var scheduler = scheduleCleanup(new SecurityStateCleanup(dsl), clock);
      // The next round (or, for the sweep, the next read) repeats a failed one.
      every(
          scheduler,
          CAMPAIGN_SWEEP_EVERY,
          "campaign sweep transitions",
          server.campaignSweeper()::sweepDue);
      // A failed roll-up leaves its watermark, so the next round recomputes the same days.
      every(
          scheduler,
          REVENUE_ROLLUP_EVERY,
          "revenue roll-up campaign days written",
          new RevenueRollup(dsl)::run);
      // AI insights: periodic summaries on the scheduler, triggers from Kafka when configured.
      scheduler.scheduleWithFixedDelay(
          server.insights().periodicSummaries(),
          insights.scheduleEvery().toSeconds(),
          insights.scheduleEvery().toSeconds(),
          TimeUnit.SECONDS);
      Optional<TriggerWorker> worker =
          insights
              .kafkaBootstrapServers()
              .map(
                  servers ->
                      TriggerWorker.create(insights, server.insights().engine(), clock, registry)
                          .start());
      LOG.info("AI insights: {}", insights);
      return new ApiRuntime(
          dataSource,
          server,
          scheduler,
          NotificationRuntime.start(config.notifications(), dsl, clock, Json.mapper(), registry),
          worker);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  /** Applies the migrations on the class path (db/migration) to the database. */
  public static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  private static ScheduledExecutorService scheduleCleanup(
      SecurityStateCleanup cleanup, Clock clock) {
    var executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              var thread = new Thread(runnable, "api-server-cleanup");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            int deleted = cleanup.purge(clock.instant());
            LOG.debug("security state cleanup deleted {} rows", deleted);
          } catch (RuntimeException e) {
            // Next round tries again; the tables only grow a little meanwhile.
            LOG.warn("security state cleanup failed: {}", e.toString());
          }
        },
        CLEANUP_EVERY.toSeconds(),
        CLEANUP_EVERY.toSeconds(),
        TimeUnit.SECONDS);
    return executor;
  }

  /**
   * Runs {@code task} every {@code period} on the executor; a failure is logged and the next round
   * tries again (each task is safe to repeat). {@code what} names the task and what its count is.
   */
  private static void every(
      ScheduledExecutorService executor, Duration period, String what, IntSupplier task) {
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            LOG.debug("{}: {}", what, task.getAsInt());
          } catch (RuntimeException e) {
            LOG.warn("{} failed: {}", what, e.toString());
          }
        },
        period.toSeconds(),
        period.toSeconds(),
        TimeUnit.SECONDS);
  }

  static HikariDataSource pool(String jdbcUrl) {
    var hikari = new HikariConfig();
    hikari.setJdbcUrl(jdbcUrl);
    hikari.setPoolName("api-server");
    // Small: the request threads mostly wait on the database, and PostgreSQL prefers few
    // connections per core.
    hikari.setMaximumPoolSize(10);
    hikari.setConnectionTimeout(5_000);
    return new HikariDataSource(hikari);
  }

  public int port() {
    return server.port();
  }

  public ApiServer server() {
    return server;
  }

  @Override
  public void close() {
    triggerWorker.ifPresent(TriggerWorker::close);
    cleanup.shutdownNow();
    notifications.close();
    server.stop();
    dataSource.close();
  }
}
