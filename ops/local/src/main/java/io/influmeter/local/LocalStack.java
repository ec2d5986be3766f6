package io.influmeter.local;

import io.influmeter.embedded.DataDirectory;
import io.influmeter.embedded.EmbeddedConnect;
import io.influmeter.embedded.EmbeddedFlink;
import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.registry.SchemaRegistry;
import io.influmeter.schemas.registry.SchemaRegistryHttpServer;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The whole local stack in one JVM: Kafka (KRaft), the catalog's topics, the built-in schema
 * registry and its REST read endpoints, PostgreSQL (migrated), a Connect worker and a Flink
 * MiniCluster. {@link #close()} stops them in reverse order; the data directory keeps everything
 * for the next start.
 */
public final class LocalStack implements AutoCloseable {

  /** The database the api-server owns; Flyway migrations on the class path define it. */
  public static final String DATABASE = "influmeter";

  private static final int FLINK_SLOTS = 8;

  private final DataDirectory directory;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private EmbeddedKafka kafka;
  private SchemaRegistry schemaRegistry;
  private SchemaRegistryHttpServer schemaRegistryServer;
  private EmbeddedPostgresServer postgres;
  private int migrationsApplied;
  private EmbeddedConnect connect;
  private EmbeddedFlink flink;

  private LocalStack(DataDirectory directory) {
    this.directory = directory;
  }

  /**
   * Starts every service, printing progress to {@code out}. On failure, whatever had started is
   * stopped again before the exception propagates.
   */
  public static LocalStack start(LocalStackOptions options, PrintStream out) {
    DataDirectory directory = DataDirectory.open(options.dataDirectory(), options.fresh());
    LocalStack stack = new LocalStack(directory);
    try {
      stack.startServices(options, new Progress(out, 7));
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startServices(LocalStackOptions options, Progress progress) {
    kafka =
        progress.step(
            "kafka",
            () ->
                keep(
                    EmbeddedKafka.start(
                        directory.service("kafka"),
                        options.kafkaPort(),
                        options.kafkaControllerPort())),
            EmbeddedKafka::address);
    progress.step(
        "topics",
        () -> kafka.createTopics(Topics.all()),
        names -> names.size() + " created, " + (Topics.all().size() - names.size()) + " kept");
    schemaRegistryServer =
        progress.step(
            "schema registry",
            () -> {
              schemaRegistry = new BuiltInSchemaRegistry();
              SchemaRegistryHttpServer server =
                  new SchemaRegistryHttpServer(
                      schemaRegistry, "127.0.0.1", options.schemaRegistryPort());
              server.start();
              return keep(server);
            },
            server -> "http://127.0.0.1:" + server.port());
    postgres =
        progress.step(
            "postgres",
            () ->
                keep(
                    EmbeddedPostgresServer.start(
                        directory.service("postgres"), options.postgresPort(), true)),
            EmbeddedPostgresServer::address);
    migrationsApplied =
        progress.step(
            "database migrations",
            this::migrate,
            applied -> applied + " applied to database " + DATABASE);
    connect =
        progress.step(
            "kafka connect",
            () ->
                keep(
                    EmbeddedConnect.start(
                        directory.service("connect"),
                        kafka.bootstrapServers(),
                        options.connectPort())),
            EmbeddedConnect::address);
    flink =
        progress.step(
            "flink",
            () ->
                keep(
                    EmbeddedFlink.start(
                        directory.service("flink"), options.flinkPort(), FLINK_SLOTS)),
            EmbeddedFlink::address);
  }

  private int migrate() {
    postgres.createDatabase(DATABASE);
    MigrateResult result =
        Flyway.configure()
            .dataSource(postgres.jdbcUrl(DATABASE), EmbeddedPostgresServer.USER, null)
            .locations("classpath:db/migration")
            .load()
            .migrate();
    return result.migrationsExecuted;
  }

  private <T extends AutoCloseable> T keep(T service) {
    running.push(service);
    return service;
  }

  /** What runs where, for the console once everything is up. */
  public String summary() {
    StringBuilder text = new StringBuilder();
    text.append("\nInflumeter local stack is up. Data: ").append(directory.root()).append('\n');
    row(text, "Kafka bootstrap", kafka.bootstrapServers());
    row(text, "Schema registry", "http://127.0.0.1:" + schemaRegistryServer.port() + "/subjects");
    row(text, "PostgreSQL", postgres.jdbcUrl(DATABASE));
    row(text, "Kafka Connect", connect.restUrl() + "/connectors");
    row(text, "Flink dashboard", flink.restUrl());
    text.append("Press Ctrl-C to stop (data is kept; start with --fresh to wipe it).\n");
    return text.toString();
  }

  private static void row(StringBuilder text, String name, String value) {
    text.append(String.format(Locale.ROOT, "  %-16s %s%n", name, value));
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  public SchemaRegistry schemaRegistry() {
    return schemaRegistry;
  }

  public int schemaRegistryPort() {
    return schemaRegistryServer.port();
  }

  public EmbeddedPostgresServer postgres() {
    return postgres;
  }

  public int migrationsApplied() {
    return migrationsApplied;
  }

  public EmbeddedConnect connect() {
    return connect;
  }

  public EmbeddedFlink flink() {
    return flink;
  }

  /** Stops every service in reverse start order, then releases the data directory. */
  @Override
  public void close() {
    while (!running.isEmpty()) {
      AutoCloseable service = running.pop();
      try {
        service.close();
      } catch (Exception e) {
        System.err.println("stopping " + service.getClass().getSimpleName() + " failed: " + e);
      }
    }
    directory.close();
  }
}
