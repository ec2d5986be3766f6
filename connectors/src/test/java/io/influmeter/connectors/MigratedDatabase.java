package io.influmeter.connectors;

import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.embedded.junit.TestNames;
import org.flywaydb.core.Flyway;

/**
 * A database of its own for one test, created by the api-server's Flyway migrations (on the test
 * class path from the api-server jar): the connectors are tested against the tables the stack
 * really has ({@code outbox}, {@code attributions}, {@code engagement_windows}), not copies.
 */
final class MigratedDatabase {

  private MigratedDatabase() {}

  /** Creates a uniquely named database from {@code prefix}, migrates it and returns its name. */
  static String create(EmbeddedPostgresServer postgres, String prefix) {
    String database = TestNames.unique(prefix);
    postgres.createDatabase(database);
    Flyway.configure()
        .dataSource(postgres.jdbcUrl(database), EmbeddedPostgresServer.USER, null)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return database;
  }
}
