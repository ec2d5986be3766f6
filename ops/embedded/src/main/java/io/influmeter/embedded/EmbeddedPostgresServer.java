package io.influmeter.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server from zonky's embedded binaries, with its cluster under the given
 * directory so a restart keeps every table.
 *
 * <p>PostgreSQL refuses to run as root; when the JVM runs as root (CI does), zonky starts initdb
 * and postgres inside a user namespace ({@code unshare -U}), where they run unprivileged. Logical
 * decoding is on ({@code wal_level=logical}) for the change-data-capture source.
 */
public final class EmbeddedPostgresServer implements EmbeddedService {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  public static final String USER = "postgres";

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL on {@code port} ({@code 0} = any free port) with its cluster in {@code
   * directory}.
   *
   * @param durable {@code true} for the local stack (fsync and synchronous commit on: a committed
   *     row survives a crash); {@code false} for tests, which trade that for speed
   */
  public static EmbeddedPostgresServer start(Path directory, int port, boolean durable) {
    Path cluster = directory.resolve("pgdata");
    // First: an orphan of ours may still hold the port.
    stopOrphan(cluster);
    Ports.requireFree("PostgreSQL", port, "--postgres-port");
    try {
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(cluster)
              .setCleanDataDirectory(false)
              .setOverrideWorkingDirectory(directory.resolve("binaries").toFile())
              .setPort(Ports.orFree(port))
              .setRegisterShutdownHook(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("wal_level", "logical")
              .setServerConfig("max_wal_senders", "10")
              .setServerConfig("max_replication_slots", "10")
              .setServerConfig("synchronous_commit", durable ? "on" : "off")
              .setServerConfig("fsync", durable ? "on" : "off")
              .setServerConfig("full_page_writes", durable ? "on" : "off")
              .setServerConfig("max_connections", "200")
              .start();
      return new EmbeddedPostgresServer(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "PostgreSQL did not start in " + cluster + ": " + e.getMessage(), e);
    }
  }

  /**
   * A postgres left running by a JVM that was killed keeps the cluster busy. The caller holds the
   * data directory's lock, so a live postmaster there is an orphan of ours: stop it.
   */
  private static void stopOrphan(Path cluster) {
    Path pidFile = cluster.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    try {
      String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim();
      long pid = Long.parseLong(first);
      ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .ifPresent(
              orphan -> {
                LOG.warn("stopping PostgreSQL (pid {}) left running by an earlier stack", pid);
                orphan.destroy();
                orphan.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
              });
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not check {}: {}", pidFile, e.toString());
    }
  }

  public int port() {
    return postgres.getPort();
  }

  /**
   * JDBC URL of a database on this server (user {@value #USER}, trust authentication on loopback).
   */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + "?user=" + USER;
  }

  /** Creates {@code database} unless it exists. Tests give each class its own database. */
  public void createDatabase(String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("not a plain database name: " + database);
    }
    try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"));
        Statement statement = connection.createStatement()) {
      var exists =
          statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
      if (!exists.next()) {
        // Identifiers cannot be bound as parameters; the name was checked against a strict pattern.
        statement.execute("CREATE DATABASE " + database);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database, e);
    }
  }

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public String address() {
    return "127.0.0.1:" + port();
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
    }
  }
}
