package io.influmeter.ingest;

import io.influmeter.events.ClickEvent;
import io.influmeter.events.ConversionEvent;
import io.influmeter.ingest.delivery.DurableSender;
import io.influmeter.ingest.delivery.SpoolRelay;
import io.influmeter.ingest.http.Problems;
import io.influmeter.ingest.links.LinkTable;
import io.influmeter.ingest.redirect.RedirectHandler;
import io.influmeter.ingest.redirect.VisitorIdentity;
import io.influmeter.ingest.spool.Spool;
import io.influmeter.ingest.stores.StoreDirectory;
import io.influmeter.ingest.webhooks.Conversions;
import io.influmeter.ingest.webhooks.GenericWebhooks;
import io.influmeter.ingest.webhooks.ShopifyWebhooks;
import io.influmeter.ingest.webhooks.StripeWebhooks;
import io.influmeter.ingest.webhooks.WebhookHandler;
import io.influmeter.ingest.webhooks.WooCommerceWebhooks;
import io.influmeter.schemas.ClickId;
import io.influmeter.schemas.ClickIdKeys;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.SchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest HTTP server, built from explicit dependencies and returned unstarted. Routes:
 *
 * <pre>
 * GET|HEAD /go/{slug}                      durable redirect (RedirectHandler)
 * POST     /webhooks/{platform}/{storeId}  signed store webhooks (WebhookHandler)
 * GET      /health/live                    process is up
 * GET      /health/ready                   link table bootstrapped
 * GET      /metrics                        Prometheus text format
 * </pre>
 */
public final class IngestServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestServer.class);

  private final Javalin app;
  private final IngestConfig config;
  private final DurableSender sender;
  private final SpoolRelay relay;

  private IngestServer(IngestConfig config, Javalin app, DurableSender sender, SpoolRelay relay) {
    this.config = config;
    this.app = app;
    this.sender = sender;
    this.relay = relay;
  }

  /**
   * Builds the server; nothing runs until {@link #start()}. The caller owns (and closes) the
   * producer, the spool and whatever fills the link table.
   */
  public static IngestServer create(
      IngestConfig config,
      Producer<String, byte[]> producer,
      Spool spool,
      LinkTable links,
      StoreDirectory stores,
      SchemaRegistry registry,
      Clock clock,
      PrometheusMeterRegistry metrics) {
    DurableSender sender = new DurableSender(producer, spool, metrics);
    SpoolRelay relay = new SpoolRelay(spool, producer, sender, metrics);
    metrics.gauge("ingest.spool.bytes", spool, Spool::usedBytes);
    metrics.gauge("ingest.spool.append.failures", spool, Spool::failedAppends);
    metrics.gauge("ingest.spool.corrupt.records", spool, Spool::corruptRecords);
    ClickIdKeys clickIdKeys = config.clickIdKeys();
    AvroSerde<ClickEvent> clickSerde = Serdes.forTopic(Topics.CLICKS, registry);
    AvroSerde<ConversionEvent> conversionSerde = Serdes.forTopic(Topics.CONVERSIONS, registry);
    RedirectHandler redirects =
        new RedirectHandler(
            new RedirectHandler.ClickSettings(
                config.clicksTopic(),
                config.clickAckBudget(),
                config.redirectMaxWait(),
                config.countryHeader(),
                config.clientIpHeader()),
            links,
            sender,
            clickSerde,
            clickIdKeys,
            new VisitorIdentity(config.visitorHashSecret().getBytes(StandardCharsets.UTF_8), clock),
            clock,
            metrics);
    Conversions conversions =
        new Conversions(
            config.customerHashSecret().getBytes(StandardCharsets.UTF_8),
            id -> ClickId.verify(id, clickIdKeys).isPresent());
    WebhookHandler webhooks =
        new WebhookHandler(
            new WebhookHandler.Settings(
                config.conversionsTopic(),
                config.conversionsDeadLetterTopic(),
                config.webhookAckBudget(),
                config.webhookMaxBytes()),
            List.of(
                new ShopifyWebhooks(conversions),
                new WooCommerceWebhooks(conversions),
                new StripeWebhooks(conversions),
                new GenericWebhooks(conversions)),
            stores,
            sender,
            conversionSerde,
            clock,
            metrics);
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.jetty.host = config.host();
              cfg.jetty.port = config.port();
              // Handlers never block (responses complete from callbacks): a few threads per core
              // serve the load; Jetty's default of 200 only oversubscribes 2 cores.
              QueuedThreadPool threads = new QueuedThreadPool(config.maxThreads(), 4);
              threads.setName("ingest-http");
              cfg.jetty.threadPool = threads;
              cfg.http.maxRequestSize = config.webhookMaxBytes();
              cfg.routes.get("/go/{slug}", redirects);
              cfg.routes.head("/go/{slug}", redirects);
              cfg.routes.post("/webhooks/{platform}/{storeId}", webhooks);
              cfg.routes.get(
                  "/health/live",
                  ctx -> ctx.contentType("application/json").result("{\"status\":\"UP\"}"));
              cfg.routes.get(
                  "/health/ready",
                  ctx -> {
                    boolean ready = links.isReady();
                    ctx.status(ready ? 200 : 503)
                        .contentType("application/json")
                        .result(
                            "{\"status\":\""
                                + (ready ? "UP" : "DOWN")
                                + "\",\"links\":"
                                + links.size()
                                + ",\"spooling\":"
                                + sender.isSpooling()
                                + "}");
                  });
              cfg.routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(metrics.scrape()));
              cfg.routes.exception(
                  Exception.class,
                  (error, ctx) -> {
                    LOG.error("Unhandled error on {} {}", ctx.method(), ctx.path(), error);
                    Problems.write(ctx, 500, "internal", "Internal error", null);
                  });
            });
    return new IngestServer(config, app, sender, relay);
  }

  /** Starts the spool relay and the HTTP server. */
  public IngestServer start() {
    relay.start();
    app.start();
    LOG.info("Ingest listening on {}:{}", config.host(), app.port());
    return this;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
    relay.close();
    sender.close();
  }
}
