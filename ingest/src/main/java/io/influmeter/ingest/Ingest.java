package io.influmeter.ingest;

import io.influmeter.events.ReferralLink;
import io.influmeter.ingest.delivery.ProducerFactory;
import io.influmeter.ingest.links.LinkFollower;
import io.influmeter.ingest.links.LinkTable;
import io.influmeter.ingest.spool.Spool;
import io.influmeter.ingest.stores.InMemoryStoreDirectory;
import io.influmeter.ingest.stores.JdbcStoreDirectory;
import io.influmeter.ingest.stores.StoreDirectory;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.SchemaRegistries;
import io.influmeter.schemas.registry.SchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running ingest service: producer, spool (and its relay), link table follower and HTTP server,
 * wired from an {@link IngestConfig}. This is the in-process entry point the local stack calls
 * ({@code Ingest.start(config)} or, with demo stores, {@code Ingest.start(config, stores)}); {@link
 * IngestMain} calls it with the environment's config. {@link #close()} stops everything in reverse
 * order.
 */
public final class Ingest implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);
  private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(60);
  // Each attempt waits max.block.ms (100 ms): about 10 s for a broker that is still starting.
  private static final int METADATA_ATTEMPTS = 100;

  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private IngestServer server;
  private PrometheusMeterRegistry metrics;

  private Ingest() {}

  /**
   * Starts ingest with the store directory the config implies: the api-server's {@code stores}
   * table when {@code DATABASE_URL} is set, otherwise none (every webhook answers 404).
   */
  public static Ingest start(IngestConfig config) {
    StoreDirectory stores =
        config.databaseUrl() == null
            ? new InMemoryStoreDirectory()
            : new JdbcStoreDirectory(
                config.databaseUrl(),
                config.storeCacheTtl(),
                Clock.systemUTC(),
                config.storeSecrets());
    if (config.databaseUrl() == null) {
      LOG.warn("DATABASE_URL is not set: no store is known, every webhook answers 404");
    }
    return start(config, stores);
  }

  /** Starts ingest with an explicit store directory (the local stack's demo stores, tests). */
  public static Ingest start(IngestConfig config, StoreDirectory stores) {
    Ingest ingest = new Ingest();
    try {
      ingest.startAll(config, stores);
      return ingest;
    } catch (RuntimeException e) {
      ingest.close();
      throw e;
    }
  }

  private void startAll(IngestConfig config, StoreDirectory stores) {
    metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SchemaRegistry registry = SchemaRegistries.fromUrl(config.schemaRegistryUrl());
    Producer<String, byte[]> producer =
        keep(ProducerFactory.create(config.kafkaBootstrapServers(), config.clientId()));
    warmMetadata(producer, config);
    Spool spool =
        keep(
            Spool.open(
                config.spoolDirectory(), config.spoolMaxBytes(), config.spoolSegmentBytes()));
    LinkTable links = new LinkTable();
    AvroSerde<ReferralLink> linkSerde = Serdes.forTopic(Topics.REFERRAL_LINKS, registry);
    LinkFollower follower =
        keep(
            new LinkFollower(
                    LinkFollower.consumer(
                        config.kafkaBootstrapServers(), config.clientId() + "-links"),
                    config.linksTopic(),
                    linkSerde,
                    links,
                    metrics)
                .start());
    awaitBootstrap(follower);
    server =
        keep(
            IngestServer.create(
                    config, producer, spool, links, stores, registry, Clock.systemUTC(), metrics)
                .start());
  }

  /** The HTTP port ingest listens on. */
  public int port() {
    return server.port();
  }

  /** The meter registry behind {@code /metrics}. */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  // The first send would otherwise fetch metadata on a request thread (up to max.block.ms).
  private static void warmMetadata(Producer<String, byte[]> producer, IngestConfig config) {
    for (String topic :
        List.of(
            config.clicksTopic(), config.conversionsTopic(), config.conversionsDeadLetterTopic())) {
      RuntimeException last = null;
      for (int attempt = 0; attempt < METADATA_ATTEMPTS; attempt++) {
        try {
          producer.partitionsFor(topic);
          last = null;
          break;
        } catch (RuntimeException e) {
          last = e;
        }
      }
      if (last != null) {
        LOG.warn(
            "No metadata for {} yet ({}): first records may be spooled", topic, last.toString());
      }
    }
  }

  private static void awaitBootstrap(LinkFollower follower) {
    try {
      if (!follower.awaitBootstrap(BOOTSTRAP_TIMEOUT)) {
        LOG.warn("Link table not bootstrapped after {}: serving, not ready", BOOTSTRAP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    running.push(resource);
    return resource;
  }

  @Override
  public void close() {
    while (!running.isEmpty()) {
      AutoCloseable resource = running.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Stopping {} failed", resource.getClass().getSimpleName(), e);
      }
    }
  }
}
