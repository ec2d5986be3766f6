package io.influmeter.ingest.delivery;

import io.influmeter.ingest.spool.OutboundRecord;
import io.influmeter.ingest.spool.Spool;
import io.influmeter.ingest.spool.SpoolPosition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
 * <p>Once Kafka has missed a budget, new records go straight to the spool ("spooling" mode) until
 * the {@link SpoolRelay} has drained it: this keeps the producer's buffer from filling (which would
 * block request threads) and keeps records in append order while the broker is away. A record given
 * up on after its budget may still reach Kafka later from the producer's buffer, so it can arrive
 * twice; every record carries an event id (click id, webhook dedup key) that consumers deduplicate
 * by.
 */
public final class DurableSender implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DurableSender.class);
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Producer<String, byte[]> producer;
  private final Spool spool;
  private final ScheduledExecutorService timer;
  private final MeterRegistry metrics;
  private final Counter lost;
  private final Counter retriableFailures;
  private final Counter fatalFailures;
  private final Counter budgetMisses;
  private final Map<SpoolPosition, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();
  private volatile boolean spooling;
  private final AtomicLong switchesToSpool = new AtomicLong();
  private final AtomicLong lastSwitchLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS - 1);

  public DurableSender(Producer<String, byte[]> producer, Spool spool, MeterRegistry metrics) {
    this.producer = producer;
    this.spool = spool;
    this.metrics = metrics;
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "ingest-ack-budget");
              thread.setDaemon(true);
              return thread;
            });
    // Almost every budget is cancelled by an ack: do not keep cancelled tasks in the queue.
    executor.setRemoveOnCancelPolicy(true);
    this.timer = Executors.unconfigurableScheduledExecutorService(executor);
    this.lost = metrics.counter("ingest.delivery.lost");
    this.retriableFailures = metrics.counter("ingest.kafka.send.failures", "kind", "retriable");
    this.fatalFailures = metrics.counter("ingest.kafka.send.failures", "kind", "fatal");
    this.budgetMisses = metrics.counter("ingest.kafka.budget.misses");
    metrics.gauge("ingest.spooling", this, sender -> sender.spooling ? 1 : 0);
    metrics.more().counter("ingest.spool.switches", java.util.List.of(), switchesToSpool);
  }

  /**
   * Sends a record; the future completes (on a producer or spool thread: keep continuations tiny)
   * with how it became durable, and never completes exceptionally.
   *
   * @param budget how long Kafka gets to acknowledge before the record is spooled
   */
  public CompletableFuture<Delivery> send(OutboundRecord record, Duration budget) {
    CompletableFuture<Delivery> result = new CompletableFuture<>();
    if (spooling) {
      spoolInto(record, result);
      return result.thenApply(this::count);
    }
    Attempt attempt = new Attempt(record, result);
    try {
      producer.send(
          toProducerRecord(record),
          (metadata, error) -> {
            attempt.kafkaOutcome.complete(error == null);
            if (error == null) {
              result.complete(Delivery.ACKED);
            } else {
              fallBack(attempt, error);
            }
          });
    } catch (RuntimeException e) {
      attempt.kafkaOutcome.complete(false);
      fallBack(attempt, e);
      return result.thenApply(this::count);
    }
    if (!result.isDone()) {
      ScheduledFuture<?> deadline =
          timer.schedule(() -> fallBack(attempt, null), budget.toNanos(), TimeUnit.NANOSECONDS);
      result.whenComplete((delivery, error) -> deadline.cancel(false));
    }
    return result.thenApply(this::count);
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
      result.complete(Delivery.LOST);
      return;
    }
    if (!spooling) {
      spooling = true;
      long switches = switchesToSpool.incrementAndGet();
      long now = System.nanoTime();
      long last = lastSwitchLog.get();
      // Under load a slow ack flips the mode often: say so at most every 10 s, with a count.
      if (now - last > LOG_EVERY_NANOS && lastSwitchLog.compareAndSet(last, now)) {
        LOG.warn(
            "Kafka did not acknowledge in time ({}): spooling until the relay drains"
                + " ({} switches to the spool so far)",
            error == null ? "budget exceeded" : error.toString(),
            switches);
      }
    }
    spoolInto(record, result, attempt.kafkaOutcome);
  }

  private void spoolInto(OutboundRecord record, CompletableFuture<Delivery> result) {
    spoolInto(record, result, null);
  }

  private void spoolInto(
      OutboundRecord record, CompletableFuture<Delivery> result, CompletableFuture<Boolean> kafka) {
    spool
        .append(record)
        .whenComplete(
            (position, error) -> {
              if (error == null) {
                if (kafka != null && !Boolean.FALSE.equals(kafka.getNow(null))) {
                  inFlight.put(position, kafka);
                }
                result.complete(Delivery.SPOOLED);
              } else {
                LOG.error(
                    "RECORD LOST: Kafka unavailable and spool refused it ({})", error.toString());
                result.complete(Delivery.LOST);
              }
            });
  }

  private Delivery count(Delivery delivery) {
    if (delivery == Delivery.LOST) {
      lost.increment();
    }
    metrics.counter("ingest.delivery", "outcome", delivery.name().toLowerCase()).increment();
    return delivery;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** One record's trip: the caller's result, and whether Kafka took it (known later). */
  private static final class Attempt {
    final OutboundRecord record;
    final CompletableFuture<Delivery> result;
    final CompletableFuture<Boolean> kafkaOutcome = new CompletableFuture<>();
    final AtomicBoolean fellBack = new AtomicBoolean();

    Attempt(OutboundRecord record, CompletableFuture<Delivery> result) {
      this.record = record;
      this.result = result;
    }
  }
}
