package io.influmeter.ingest.delivery;

import io.influmeter.ingest.spool.OutboundRecord;
import io.influmeter.ingest.spool.Spool;
import io.influmeter.ingest.spool.SpoolPosition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a record durable without blocking the caller: Kafka first, the local spool when Kafka does
 * not acknowledge within a budget.
 *
 * <p>A record that misses its budget is spooled on its own while its send stays in flight (the
 * relay later skips it if that send succeeded after all). Only when Kafka is <em>silent</em> (no
 * acknowledgement at all since the late record was sent) or a send fails do new records go straight
 * to the spool ("spooling" mode) until the {@link SpoolRelay} has drained it: that keeps the
 * producer's buffer from filling (which would block request threads) and the order of records while
 * the broker is away. A merely slow broker (acks still arriving, some later than the budget, as
 * under a burst on 2 cores) no longer flips every following request onto the spool's fsync path,
 * which made a slow moment slower. A record given up on after its budget may still reach Kafka
 * later from the producer's buffer, so it can arrive twice; every record carries an event id (click
 * id, webhook dedup key) that consumers deduplicate by.
 */
public final class DurableSender implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DurableSender.class);
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  // A record waited this long with no acknowledgement of any record meanwhile: Kafka is away.
  private static final Duration SILENCE = Duration.ofMillis(500);

  private final Producer<String, byte[]> producer;
  private final Spool spool;
  private final Deadlines deadlines = new Deadlines("ingest-ack-budget");
  private final Map<Delivery, Counter> deliveries = new EnumMap<>(Delivery.class);
  private final Counter lost;
  private final Counter retriableFailures;
  private final Counter fatalFailures;
  private final Counter budgetMisses;
  private final Map<SpoolPosition, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();
  private final Runnable afterSpoolAppend;
  private volatile boolean spooling;
  private volatile long lastAckNanos = System.nanoTime();
  private final AtomicLong switchesToSpool = new AtomicLong();
  private final AtomicLong lastSwitchLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS - 1);

  public DurableSender(Producer<String, byte[]> producer, Spool spool, MeterRegistry metrics) {
    this(producer, spool, metrics, () -> {});
  }

  /**
   * @param afterSpoolAppend runs on the thread that spools a record, right after the append was
   *     handed to the spool and before that thread looks at its outcome: a seam for tests that
   *     stall this thread to replay the interleaving where the relay reads the record first
   */
  DurableSender(
      Producer<String, byte[]> producer,
      Spool spool,
      MeterRegistry metrics,
      Runnable afterSpoolAppend) {
    this.producer = producer;
    this.spool = spool;
    this.afterSpoolAppend = afterSpoolAppend;
    for (Delivery delivery : Delivery.values()) {
      // Looked up once: a registry lookup per request costs more than the increment.
      deliveries.put(
          delivery,
          metrics.counter("ingest.delivery", "outcome", delivery.name().toLowerCase(Locale.ROOT)));
    }
    this.lost = metrics.counter("ingest.delivery.lost");
    this.retriableFailures = metrics.counter("ingest.kafka.send.failures", "kind", "retriable");
    this.fatalFailures = metrics.counter("ingest.kafka.send.failures", "kind", "fatal");
    this.budgetMisses = metrics.counter("ingest.kafka.budget.misses");
    metrics.gauge("ingest.spooling", this, sender -> sender.spooling ? 1 : 0);
    metrics.more().counter("ingest.spool.switches", List.of(), switchesToSpool);
  }

  /**
   * Sends a record; the future completes (on a producer, spool or deadline thread: keep
   * continuations tiny) with how it became durable, and never completes exceptionally.
   *
   * @param budget how long Kafka gets to acknowledge before the record is spooled
   */
  public CompletableFuture<Delivery> send(OutboundRecord record, Duration budget) {
    return send(record, budget, null);
  }

  /**
   * Like {@link #send(OutboundRecord, Duration)}, but the future completes with {@code null} once
   * {@code maxWait} has passed with the record neither acknowledged nor spooled (a shopper is never
   * kept waiting longer); the record's delivery goes on regardless.
   */
  public CompletableFuture<Delivery> send(
      OutboundRecord record, Duration budget, Duration maxWait) {
    CompletableFuture<Delivery> result = new CompletableFuture<>();
    if (spooling) {
      spoolInto(record, result, null);
    } else {
      sendToKafka(record, budget, result);
    }
    if (maxWait == null || result.isDone()) {
      return result;
    }
    // A separate future: the cap answers the shopper, it must not stop the record's fallback.
    CompletableFuture<Delivery> capped = new CompletableFuture<>();
    result.thenAccept(capped::complete);
    deadlines.schedule(maxWait, capped::isDone, () -> capped.complete(null));
    return capped;
  }

  private void sendToKafka(
      OutboundRecord record, Duration budget, CompletableFuture<Delivery> result) {
    Attempt attempt = new Attempt(record, result, budget, System.nanoTime());
    try {
      producer.send(
          toProducerRecord(record),
          (metadata, error) -> {
            attempt.kafkaOutcome.complete(error == null);
            if (error == null) {
              lastAckNanos = System.nanoTime();
              finish(result, Delivery.ACKED);
            } else {
              fallBack(attempt, error);
            }
          });
    } catch (RuntimeException e) {
      attempt.kafkaOutcome.complete(false);
      fallBack(attempt, e);
      return;
    }
    if (!result.isDone()) {
      deadlines.schedule(budget, attempt::answeredByKafka, () -> fallBack(attempt, null));
    }
  }

  /** True while new records bypass Kafka because the spool holds undelivered ones. */
  public boolean isSpooling() {
    return spooling;
  }

  /**
   * Called by the relay once Kafka acknowledges again and the spool's tail is reached: send
   * directly again. Records of the last spooled batch may then reach Kafka after newer direct ones;
   * consumers order by event time.
   */
  void spoolDrained() {
    if (spooling) {
      spooling = false;
      LOG.debug("Spool drained: sending to Kafka directly again");
    }
  }

  /** The relay saw Kafka acknowledge its records: Kafka is not silent. */
  void relayAcknowledged() {
    lastAckNanos = System.nanoTime();
  }

  static ProducerRecord<String, byte[]> toProducerRecord(OutboundRecord record) {
    ProducerRecord<String, byte[]> producerRecord =
        new ProducerRecord<>(record.topic(), record.key(), record.value());
    for (OutboundRecord.Header header : record.headers()) {
      producerRecord.headers().add(new RecordHeader(header.name(), header.value()));
    }
    return producerRecord;
  }

  static boolean isFatalForRecord(Throwable error) {
    return error instanceof RecordTooLargeException || error instanceof SerializationException;
  }

  /**
   * The relay asks before sending a spooled record: if the record was spooled while this process's
   * producer still had it in flight, the answer is whether Kafka took it after all (then the relay
   * skips it instead of producing a duplicate). Null for records with no attempt in flight.
   */
  CompletableFuture<Boolean> takeKafkaAttempt(SpoolPosition position) {
    return inFlight.remove(position);
  }

  private void fallBack(Attempt attempt, Throwable error) {
    OutboundRecord record = attempt.record;
    CompletableFuture<Delivery> result = attempt.result;
    if (result.isDone() || !attempt.fellBack.compareAndSet(false, true)) {
      return;
    }
    if (error == null) {
      budgetMisses.increment();
    } else if (error instanceof RetriableException) {
      retriableFailures.increment();
    } else {
      fatalFailures.increment();
    }
    if (error != null && isFatalForRecord(error)) {
      LOG.error(
          "Record for {} can never be produced, dropped: {}", record.topic(), error.toString());
      finish(result, Delivery.LOST);
      return;
    }
    if (error != null) {
      enterSpoolingMode(error.toString());
    } else {
      // Slow is not gone: this record takes the spool, later ones still go to Kafka unless this
      // one waits SILENCE with no acknowledgement at all arriving meanwhile (a starved broker
      // answering in bursts must not send every click down the fsync path, which costs more CPU
      // and starves it further).
      deadlines.schedule(
          attempt.budget.compareTo(SILENCE) < 0 ? SILENCE.minus(attempt.budget) : Duration.ZERO,
          attempt.kafkaOutcome::isDone,
          () -> {
            if (lastAckNanos - attempt.sentNanos < 0) {
              enterSpoolingMode("no acknowledgement for " + SILENCE.toMillis() + " ms");
            }
          });
    }
    spoolInto(record, result, attempt.kafkaOutcome);
  }

  private void enterSpoolingMode(String reason) {
    if (spooling) {
      return;
    }
    spooling = true;
    long switches = switchesToSpool.incrementAndGet();
    long now = System.nanoTime();
    long last = lastSwitchLog.get();
    // A flapping broker could flip the mode often: say so at most every 10 s, with a count.
    if (now - last > LOG_EVERY_NANOS && lastSwitchLog.compareAndSet(last, now)) {
      LOG.warn(
          "Kafka unavailable ({}): spooling until the relay drains ({} switches to the spool so"
              + " far)",
          reason,
          switches);
    }
  }

  private void spoolInto(
      OutboundRecord record, CompletableFuture<Delivery> result, CompletableFuture<Boolean> kafka) {
    // The attempt still in flight is noted by the spool's writer before the relay can read the
    // record: noting it in the future's callback instead raced with the relay whenever this thread
    // attached the callback after the fsync (the callback then runs here, later), and the relay
    // re-sent a record Kafka also acknowledged.
    CompletableFuture<SpoolPosition> appended =
        kafka == null
            ? spool.append(record)
            : spool.append(record, position -> noteAttemptInFlight(position, kafka));
    afterSpoolAppend.run();
    appended.whenComplete(
        (position, error) -> {
          if (error == null) {
            finish(result, Delivery.SPOOLED);
          } else {
            LOG.error("RECORD LOST: Kafka unavailable and spool refused it ({})", error.toString());
            finish(result, Delivery.LOST);
          }
        });
  }

  // A failed attempt needs no note: the relay sends what it finds without one.
  private void noteAttemptInFlight(SpoolPosition position, CompletableFuture<Boolean> kafka) {
    if (!Boolean.FALSE.equals(kafka.getNow(null))) {
      inFlight.put(position, kafka);
    }
  }

  // Counted once per record: by whoever completes the caller's future first.
  private void finish(CompletableFuture<Delivery> result, Delivery delivery) {
    if (result.complete(delivery)) {
      deliveries.get(delivery).increment();
      if (delivery == Delivery.LOST) {
        lost.increment();
      }
    }
  }

  @Override
  public void close() {
    deadlines.close();
  }

  /** One record's trip: the caller's result, and whether Kafka took it (known later). */
  private static final class Attempt {
    final OutboundRecord record;
    final CompletableFuture<Delivery> result;
    final CompletableFuture<Boolean> kafkaOutcome = new CompletableFuture<>();
    final AtomicBoolean fellBack = new AtomicBoolean();
    final Duration budget;
    final long sentNanos;

    Attempt(
        OutboundRecord record,
        CompletableFuture<Delivery> result,
        Duration budget,
        long sentNanos) {
      this.record = record;
      this.result = result;
      this.budget = budget;
      this.sentNanos = sentNanos;
    }

    boolean answeredByKafka() {
      return kafkaOutcome.isDone() || result.isDone();
    }
  }
}
