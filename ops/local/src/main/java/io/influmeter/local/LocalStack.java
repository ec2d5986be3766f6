package io.influmeter.local;

import io.influmeter.api.ApiConfig;
import io.influmeter.api.ApiRuntime;
import io.influmeter.api.insights.InsightsConfig;
import io.influmeter.embedded.DataDirectory;
import io.influmeter.embedded.EmbeddedConnect;
import io.influmeter.embedded.EmbeddedFlink;
import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.ingest.Ingest;
import io.influmeter.ingest.IngestConfig;
import io.influmeter.jobs.attribution.AttributionJob;
import io.influmeter.jobs.attribution.AttributionJobConfig;
import io.influmeter.jobs.engagement.EngagementJob;
import io.influmeter.jobs.engagement.EngagementJobConfig;
import io.influmeter.jobs.triggers.AiTriggerJob;
import io.influmeter.jobs.triggers.AiTriggerJobConfig;
import io.influmeter.local.demo.DemoMode;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.registry.SchemaRegistry;
import io.influmeter.schemas.registry.SchemaRegistryHttpServer;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole local stack in one JVM: Kafka (KRaft), the catalog's topics, the built-in schema
 * registry and its REST read endpoints, PostgreSQL (migrated), a Connect worker running the
 * committed connectors (outbox CDC source, result-table sinks), a Flink MiniCluster, the
 * api-server, ingest and the stream jobs. {@link #close()} stops them in reverse order; the data
 * directory keeps everything for the next start.
 */
public final class LocalStack implements AutoCloseable {

  /** The database the api-server owns; Flyway migrations on the class path define it. */
  public static final String DATABASE = "influmeter";

  private static final int FLINK_SLOTS = 8;
  private static final int STEPS = 10;

  /** The local stack's own admin account (its password is generated with the other secrets). */
  public static final String ADMIN_EMAIL = "admin@influmeter.local";

  private final DataDirectory directory;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private EmbeddedKafka kafka;
  private SchemaRegistry schemaRegistry;
  private SchemaRegistryHttpServer schemaRegistryServer;
  private EmbeddedPostgresServer postgres;
  private int migrationsApplied;
  private EmbeddedConnect connect;
  private List<String> connectors = List.of();
  private EmbeddedFlink flink;
  private Map<String, String> environment;
  private ApiRuntime api;
  private Ingest ingest;
  private final List<FlinkJobs.Submitted> jobs = new ArrayList<>();
  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
  private DemoMode demo;

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
      stack.startServices(options, new Progress(out, options.demo() ? STEPS + 1 : STEPS));
      return stack;
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  private void startServices(LocalStackOptions options, Progress progress) {
    // Before anything starts: without Debezium's bundles every connector would fail much later.
    StackConnectors.requirePlugins(options.connectPlugins());
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
    environment = environment(options);
    connect =
        progress.step(
            "kafka connect",
            () -> startConnect(options),
            worker -> worker.address() + ", " + connectors.size() + " connectors running");
    flink =
        progress.step(
            "flink",
            () ->
                keep(
                    EmbeddedFlink.start(
                        directory.service("flink"), options.flinkPort(), FLINK_SLOTS)),
            EmbeddedFlink::address);
    api =
        progress.step(
            "api-server",
            // With KAFKA_BOOTSTRAP_SERVERS set, the api-server also runs the ai.triggers
            // insight worker; no INSIGHTS_PROVIDER means the offline built-in writer.
            () ->
                keep(
                    ApiRuntime.start(
                        ApiConfig.fromEnvironment(environment),
                        InsightsConfig.fromEnvironment(environment))),
            runtime -> "http://127.0.0.1:" + runtime.port());
    ingest =
        progress.step(
            "ingest",
            () -> keep(Ingest.start(IngestConfig.fromEnvironment(environment))),
            started -> "http://127.0.0.1:" + started.port());
    progress.step("stream jobs", this::submitJobs, this::describeJobs);
    if (options.demo()) {
      demo =
          progress.step(
              "demo",
              () -> keep(startDemo(options.demoRate())),
              started ->
                  started.world().links().size()
                      + " influencers seeded, "
                      + options.demoRate()
                      + " clicks/s");
    }
  }

  private DemoMode startDemo(double rate) {
    try {
      return DemoMode.start(demoEndpoints(), rate);
    } catch (RuntimeException e) {
      LOG.error("demo mode did not start", e);
      throw new DemoStartException("demo mode did not start: " + e.getMessage(), e);
    }
  }

  private DemoMode.Endpoints demoEndpoints() {
    return new DemoMode.Endpoints(
        api.port(),
        ingest.port(),
        ADMIN_EMAIL,
        environment.get("BOOTSTRAP_ADMIN_PASSWORD"),
        environment.get("DEMO_ACCOUNT_SECRET").substring(0, 16));
  }

  /**
   * The environment every service of the stack reads its configuration from: the same variables a
   * deployment sets (see the README), pointing at the embedded services, with the stack's own
   * generated secrets.
   */
  private Map<String, String> environment(LocalStackOptions options) {
    Map<String, String> secrets = LocalSecrets.loadOrCreate(directory.root());
    Map<String, String> env = new HashMap<>(secrets);
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("DATABASE_URL", postgres.jdbcUrl(DATABASE));
    // The connector configs' ${env:...} references (connectors/README.md).
    env.put("INFLUMETER_CDC_DB_HOST", "127.0.0.1");
    env.put("INFLUMETER_CDC_DB_PORT", String.valueOf(postgres.port()));
    env.put("INFLUMETER_CDC_DB_USER", EmbeddedPostgresServer.USER);
    env.put("INFLUMETER_CDC_DB_PASSWORD", "");
    env.put("INFLUMETER_CDC_DB_NAME", DATABASE);
    env.put("INFLUMETER_SINK_JDBC_URL", postgres.jdbcUrl(DATABASE));
    env.put("INFLUMETER_SINK_JDBC_USER", EmbeddedPostgresServer.USER);
    env.put("INFLUMETER_SINK_JDBC_PASSWORD", "");
    env.put("API_HOST", "127.0.0.1");
    env.put("API_PORT", String.valueOf(options.apiPort()));
    env.put("BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
    env.put("BOOTSTRAP_ADMIN_PASSWORD", secrets.get("JWT_SECRET").substring(0, 20));
    // No SMTP_HOST: the api-server's notification worker writes each e-mail to the log
    // (<data dir>/logs/stack.log) instead of sending it.
    env.put("NOTIFY_WORKER_ENABLED", "true");
    env.put("NOTIFY_POLL_INTERVAL", "PT2S");
    // Uploaded content lives with the rest of the stack's data.
    env.put("CONTENT_STORAGE_DIR", directory.service("api").resolve("content").toString());
    env.put("CONTENT_UPLOAD_TEMP_DIR", directory.service("api").resolve("uploads").toString());
    env.put("INGEST_HOST", "127.0.0.1");
    env.put("INGEST_PORT", String.valueOf(options.ingestPort()));
    env.put("INGEST_SPOOL_DIR", directory.service("ingest").resolve("spool").toString());
    env.put("INGEST_PUBLIC_URL", "http://127.0.0.1:" + options.ingestPort());
    // The attribution job checkpoints more often than in a deployment (see LocalStackOptions):
    // its exactly-once sink makes orders visible one checkpoint after they arrive. The engagement
    // job's sink is at-least-once (clicks never wait for a checkpoint), so it keeps the default.
    env.put("ATTRIBUTION_CHECKPOINT_INTERVAL", options.checkpointInterval());
    // An order waits until the watermark passes its time, and a silent partition holds the
    // watermark back until it counts as idle: at local volumes most partitions are silent, so the
    // deployment's 30 s would be how long an order waits. The cost: an event on a partition that
    // was idle for 5 s and is older than the watermark by then is late.
    env.put("ATTRIBUTION_IDLE_TIMEOUT", "5s"); // Two cores: one task per job operator.
    env.put("ATTRIBUTION_PARALLELISM", "1");
    env.put("ENGAGEMENT_PARALLELISM", "1");
    env.put("AI_TRIGGER_PARALLELISM", "1");
    return Map.copyOf(env);
  }

  /**
   * Starts the worker with Debezium's plugins and applies the committed connectors, after the
   * migrations (the CDC source reads {@code outbox}, the sinks write the result tables).
   */
  private EmbeddedConnect startConnect(LocalStackOptions options) {
    EmbeddedConnect worker =
        keep(
            EmbeddedConnect.start(
                directory.service("connect"),
                kafka.bootstrapServers(),
                options.connectPort(),
                List.of(options.connectPlugins())));
    connectors = StackConnectors.apply(worker.restUrl(), StackConnectors.committed(environment));
    return worker;
  }

  private List<FlinkJobs.Submitted> submitJobs() {
    FlinkJobs submitter = new FlinkJobs(directory.service("flink"));
    try {
      AttributionJobConfig attribution = AttributionJobConfig.fromEnvironment(environment);
      jobs.add(
          keep(
              submitter.submit(
                  AttributionJob.JOB_NAME,
                  flink.environment(),
                  env -> AttributionJob.build(env, attribution))));
      EngagementJobConfig engagement = EngagementJobConfig.fromEnvironment(environment);
      jobs.add(
          keep(
              submitter.submit(
                  EngagementJob.NAME,
                  flink.environment(),
                  env -> EngagementJob.build(env, engagement))));
      AiTriggerJobConfig triggers = AiTriggerJobConfig.fromEnvironment(environment);
      jobs.add(
          keep(
              submitter.submit(
                  AiTriggerJob.NAME,
                  flink.environment(),
                  env -> AiTriggerJob.build(env, triggers))));
      return jobs;
    } catch (Exception e) {
      throw new IllegalStateException("submitting the stream jobs failed: " + e.getMessage(), e);
    }
  }

  private String describeJobs(List<FlinkJobs.Submitted> submitted) {
    long resumed = submitted.stream().filter(job -> job.restoredFrom() != null).count();
    return submitted.size() + " running (" + resumed + " resumed from checkpoints)";
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
    row(text, "API", "http://127.0.0.1:" + api.port() + "/docs");
    row(text, "Redirects", "http://127.0.0.1:" + ingest.port() + "/go/<slug>");
    row(text, "Admin sign-in", ADMIN_EMAIL + " / " + environment.get("BOOTSTRAP_ADMIN_PASSWORD"));
    if (demo != null) {
      text.append(demo.summary());
    }
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

  /** Names of the connectors the stack applied, all running once the stack has started. */
  public List<String> connectors() {
    return connectors;
  }

  public EmbeddedFlink flink() {
    return flink;
  }

  public int apiPort() {
    return api.port();
  }

  public int ingestPort() {
    return ingest.port();
  }

  /** The configuration every service of the stack was started with (tests reuse it). */
  public Map<String, String> environment() {
    return environment;
  }

  /** The running demo, or null without {@code --demo}. */
  public DemoMode demo() {
    return demo;
  }

  public List<FlinkJobs.Submitted> jobs() {
    return List.copyOf(jobs);
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
