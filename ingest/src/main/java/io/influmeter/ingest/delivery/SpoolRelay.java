package io.influmeter.ingest.delivery;

import io.influmeter.ingest.spool.Spool;
import io.influmeter.ingest.spool.SpoolBatch;
import io.influmeter.ingest.spool.SpoolPosition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the spool into Kafka in append order, on its own thread: a batch is acknowledged in the
 * spool (and its segments deleted) only once Kafka acknowledged every record of it, so a crash
 * between the two replays the batch (duplicates, dropped downstream by event id), never loses it.
 * On start it resumes from the spool's checkpoint, which replays what a crashed process spooled.
 */
public final class SpoolRelay implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SpoolRelay.class);
  private static final int BATCH = 500;
  private static final Duration IDLE = Duration.ofMillis(50);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final Duration ACK_WAIT = Duration.ofSeconds(60);

  private final Spool spool;
  private final Producer<String, byte[]> producer;
  private final DurableSender sender;
  private final Counter relayed;
  private final Counter dropped;
  private final Counter failures;
  private final Counter skipped;
  private final Thread thread;
  private volatile boolean running = true;

  public SpoolRelay(
      Spool spool, Producer<String, byte[]> producer, DurableSender sender, MeterRegistry metrics) {
    this.spool = spool;
    this.producer = producer;
    this.sender = sender;
    this.relayed = metrics.counter("ingest.spool.relayed");
    this.dropped = metrics.counter("ingest.spool.dropped");
    this.failures = metrics.counter("ingest.spool.relay.failures");
    this.skipped = metrics.counter("ingest.spool.skipped.already.delivered");
    this.thread = new Thread(this::run, "ingest-spool-relay");
    this.thread.setDaemon(true);
  }

  /** Starts draining. */
  public SpoolRelay start() {
    thread.start();
    return this;
  }

  private void run() {
    SpoolPosition position = spool.checkpoint();
    long backoffMs = 100;
    while (running) {
      try {
        long groups = spool.durableGroups();
        SpoolBatch batch = spool.read(position, BATCH);
        if (batch.isEmpty()) {
          if (spool.pendingAppends() == 0) {
            sender.spoolDrained();
          }
          if (!batch.next().equals(position)) {
            spool.acknowledge(batch.next());
            position = batch.next();
          }
          spool.awaitAppends(groups, IDLE.toMillis());
          continue;
        }
        if (deliver(batch.records())) {
          spool.acknowledge(batch.next());
          position = batch.next();
          backoffMs = 100;
          // Kafka acks again: send directly again at once (the backlog drains beside), or under
          // sustained load every record would keep taking the spool's slower fsync detour.
          sender.relayAcknowledged();
          sender.spoolDrained();
        } else {
          failures.increment();
          Thread.sleep(backoffMs);
          backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("Spool relay error, retrying", e);
        failures.increment();
        sleepQuietly(backoffMs);
      }
    }
  }

  private boolean deliver(List<SpoolBatch.Spooled> records) throws InterruptedException {
    List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
    try {
      for (SpoolBatch.Spooled spooled : records) {
        if (deliveredByItsOwnAttempt(spooled)) {
          skipped.increment();
          continue;
        }
        acks.add(producer.send(DurableSender.toProducerRecord(spooled.record())));
      }
    } catch (RuntimeException e) {
      LOG.warn("Spool relay cannot send yet: {}", e.toString());
      return false;
    }
    for (Future<RecordMetadata> ack : acks) {
      try {
        ack.get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        relayed.increment();
      } catch (ExecutionException e) {
        if (!DurableSender.isFatalForRecord(e.getCause())) {
          LOG.warn("Spool relay: Kafka still unavailable ({})", e.getCause().toString());
          return false;
        }
        dropped.increment();
        LOG.error("SPOOLED RECORD DROPPED, Kafka refuses it for good: {}", e.getCause().toString());
      } catch (TimeoutException e) {
        LOG.warn("Spool relay: no ack within {}", ACK_WAIT);
        return false;
      }
    }
    return true;
  }

  // A record spooled after its budget may still have been acknowledged by its first send.
  private boolean deliveredByItsOwnAttempt(SpoolBatch.Spooled spooled) throws InterruptedException {
    CompletableFuture<Boolean> attempt = sender.takeKafkaAttempt(spooled.position());
    if (attempt == null) {
      return false;
    }
    try {
      return attempt.get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
