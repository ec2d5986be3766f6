package io.influmeter.ingest.webhooks;

import io.influmeter.events.ConversionEvent;
import io.influmeter.events.StorePlatform;
import io.influmeter.ingest.delivery.Delivery;
import io.influmeter.ingest.delivery.DurableSender;
import io.influmeter.ingest.http.Problems;
import io.influmeter.ingest.spool.OutboundRecord;
import io.influmeter.ingest.stores.Store;
import io.influmeter.ingest.stores.StoreDirectory;
import io.influmeter.schemas.DeadLetters;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.serde.AvroSerde;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;

/**
 * {@code POST /webhooks/{platform}/{storeId}}. Order of checks: platform and store known (404),
 * size (413), signature on the raw bytes (401), then parsing: an unsupported topic is 202, a
 * malformed body 400 with the raw body kept in the dead-letter topic. A conversion is answered 2xx
 * only once it is durable (Kafka ack or spool fsync), else 503 with Retry-After so the store
 * retries. Nothing that fails a check ever reaches the conversions topic.
 */
public final class WebhookHandler implements Handler {

  private static final String RETRY_AFTER_SECONDS = "30";

  private final Settings settings;
  private final Map<String, PlatformWebhooks> platforms;
  private final StoreDirectory stores;
  private final DurableSender sender;
  private final AvroSerde<ConversionEvent> serde;
  private final Deduplicator deduplicator;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  /**
   * @param topic conversions topic
   * @param deadLetterTopic where malformed signed bodies go
   * @param ackBudget how long Kafka gets before the event is spooled
   * @param maxBodyBytes larger bodies are refused with 413
   */
  public record Settings(
      String topic, String deadLetterTopic, Duration ackBudget, int maxBodyBytes) {}

  public WebhookHandler(
      Settings settings,
      List<PlatformWebhooks> platforms,
      StoreDirectory stores,
      DurableSender sender,
      AvroSerde<ConversionEvent> serde,
      Clock clock,
      MeterRegistry metrics) {
    this.settings = settings;
    this.platforms =
        platforms.stream()
            .collect(Collectors.toUnmodifiableMap(PlatformWebhooks::pathName, Function.identity()));
    this.stores = stores;
    this.sender = sender;
    this.serde = serde;
    this.deduplicator = new Deduplicator(100_000);
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public void handle(Context ctx) throws IOException {
    PlatformWebhooks platform = platforms.get(ctx.pathParam("platform").toLowerCase(Locale.ROOT));
    String storeId = ctx.pathParam("storeId");
    Optional<Store> store = stores.find(storeId);
    if (platform == null || store.isEmpty() || store.get().platform() != platform.platform()) {
      count("unknown_store");
      Problems.write(ctx, 404, "unknown-store", "Unknown store", null);
      return;
    }
    byte[] body = readBody(ctx);
    if (body == null) {
      count("too_large");
      Problems.write(
          ctx,
          413,
          "body-too-large",
          "Body too large",
          "at most " + settings.maxBodyBytes() + " bytes");
      return;
    }
    Instant now = clock.instant();
    WebhookRequest request = new WebhookRequest(storeId, headers(ctx), body, now);
    if (platform.platform() == StorePlatform.WOOCOMMERCE
        && request.header("X-WC-Webhook-Signature") == null
        && WooCommerceWebhooks.isPing(request)) {
      count("ping");
      ctx.status(200).result("");
      return;
    }
    if (!platform.signatureValid(request, store.get().secretsAt(now))) {
      count("bad_signature");
      Problems.write(ctx, 401, "bad-signature", "Missing or invalid signature", null);
      return;
    }
    ParsedWebhook parsed;
    try {
      parsed = platform.parse(request, store.get());
    } catch (MalformedWebhookException e) {
      malformed(ctx, request, platform, e.getMessage());
      return;
    } catch (RuntimeException e) {
      // Any parser surprise is a bad body, never a 500: keep it for a human to look at.
      malformed(ctx, request, platform, "unexpected " + e.getClass().getSimpleName());
      return;
    }
    if (parsed instanceof ParsedWebhook.Conversion conversion) {
      accept(ctx, conversion.event());
      return;
    }
    count("ignored");
    ctx.status(202).contentType("application/json").result("{\"status\":\"ignored\"}");
  }

  private void accept(Context ctx, ConversionEvent event) {
    OutboundRecord record;
    try {
      record =
          OutboundRecord.of(
              settings.topic(), Topics.keyOf(event), serde.encode(settings.topic(), event));
    } catch (RuntimeException e) {
      // E.g. the schema registry is unreachable: not stored, so the store must retry.
      respond(ctx, Delivery.LOST, event);
      return;
    }
    Deduplicator.Submission submission =
        deduplicator.submit(event.getEventId(), () -> sender.send(record, settings.ackBudget()));
    if (submission.duplicate()) {
      count("duplicate");
    }
    ctx.future(
        () ->
            submission
                .delivery()
                .handle(
                    (delivery, error) -> {
                      respond(ctx, error == null ? delivery : Delivery.LOST, event);
                      return null;
                    }));
  }

  private void respond(Context ctx, Delivery delivery, ConversionEvent event) {
    if (delivery.isDurable()) {
      count("accepted");
      ctx.status(200)
          .contentType("application/json")
          .result(
              "{\"status\":\"accepted\",\"event_id\":\"" + jsonEscape(event.getEventId()) + "\"}");
      return;
    }
    count("unavailable");
    ctx.header("Retry-After", RETRY_AFTER_SECONDS);
    Problems.write(ctx, 503, "not-durable", "Cannot store the event right now", "retry later");
  }

  private void malformed(
      Context ctx, WebhookRequest request, PlatformWebhooks platform, String reason) {
    count("malformed");
    List<Header> headers =
        DeadLetters.headers(
            settings.topic(),
            -1,
            -1,
            "webhook-" + platform.pathName(),
            reason,
            request.receivedAt());
    OutboundRecord deadLetter =
        new OutboundRecord(
            settings.deadLetterTopic(),
            request.storeId(),
            request.body(),
            headers.stream().map(h -> new OutboundRecord.Header(h.key(), h.value())).toList());
    ctx.future(
        () ->
            sender
                .send(deadLetter, settings.ackBudget())
                .thenAccept(
                    delivery ->
                        Problems.write(
                            ctx, 400, "malformed-webhook", "Malformed webhook body", reason)));
  }

  private byte[] readBody(Context ctx) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > settings.maxBodyBytes()) {
      return null;
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] body = in.readNBytes(settings.maxBodyBytes() + 1);
      return body.length > settings.maxBodyBytes() ? null : body;
    }
  }

  private static Map<String, String> headers(Context ctx) {
    Map<String, String> headers = new HashMap<>();
    for (String name : Collections.list(ctx.req().getHeaderNames())) {
      headers.putIfAbsent(name.toLowerCase(Locale.ROOT), ctx.req().getHeader(name));
    }
    return headers;
  }

  private void count(String result) {
    // One registry lookup per result name, not per request.
    counters
        .computeIfAbsent(result, name -> metrics.counter("ingest.webhooks", "result", name))
        .increment();
  }

  private static String jsonEscape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
