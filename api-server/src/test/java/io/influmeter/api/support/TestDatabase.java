package io.influmeter.api.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.influmeter.api.ApiRuntime;
import io.influmeter.api.db.DefaultSchema;
import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.embedded.junit.TestNames;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * One real PostgreSQL database for the test JVM, migrated once by the same Flyway scripts
 * production uses; {@link #reset()} empties every table between tests.
 */
public final class TestDatabase {
  private static TestDatabase shared;

  private final String jdbcUrl;
  private final HikariDataSource dataSource;
  private final DSLContext dsl;

  private TestDatabase(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
    var config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(8);
    this.dataSource = new HikariDataSource(config);
    ApiRuntime.migrate(dataSource);
    this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  public static synchronized TestDatabase get() {
    if (shared == null) {
      EmbeddedPostgresServer postgres = EmbeddedServices.postgres();
      String name = TestNames.unique("api");
      postgres.createDatabase(name);
      shared = new TestDatabase(postgres.jdbcUrl(name));
    }
    return shared;
  }

  public DSLContext dsl() {
    return dsl;
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** Empties every table the migrations created (new tables are covered automatically). */
  public void reset() {
    for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
      dsl.truncate(table).cascade().execute();
    }
  }
}
