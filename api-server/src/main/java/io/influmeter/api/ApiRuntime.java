package io.influmeter.api;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
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

  private final HikariDataSource dataSource;
  private final ApiServer server;

  private ApiRuntime(HikariDataSource dataSource, ApiServer server) {
    this.dataSource = dataSource;
    this.server = server;
  }

  public static ApiRuntime start(ApiConfig config) {
    HikariDataSource dataSource = pool(config.databaseUrl());
    try {
      if (config.migrateOnStart()) {
        migrate(dataSource);
      }
      var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      var server =
          ApiServer.create(
              config, DSL.using(dataSource, SQLDialect.POSTGRES), Clock.systemUTC(), registry);
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
      return new ApiRuntime(dataSource, server);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  /** Applies the migrations on the class path (db/migration) to the database. */
  public static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
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
    server.stop();
    dataSource.close();
  }
}
