package io.influmeter.ingest.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires a task when a delay has passed and its request is still unanswered, for tens of thousands
 * of requests per second at almost no cost per request.
 *
 * <p>Why not a {@code ScheduledExecutorService}: it keeps a lock-guarded heap, so every request
 * paid a locked insert and, since nearly every budget is beaten by its ack, a locked removal on
 * cancel, contended by the HTTP threads and the producer's network thread on 2 cores. Here the
 * delays are few and fixed (the click budget, the webhook budget, the redirect cap), so one FIFO
 * queue per delay is already sorted by deadline: registering is one lock-free append, nothing is
 * ever cancelled, and one thread, waking every {@link #TICK}, pops heads that are answered or due.
 * A deadline fires up to one tick late, which a budget of milliseconds tolerates.
 */
public final class Deadlines implements AutoCloseable {

  /** How often due deadlines are looked for: the lateness a deadline can have. */
  public static final Duration TICK = Duration.ofMillis(1);

  private static final Logger LOG = LoggerFactory.getLogger(Deadlines.class);

  private final Map<Long, Queue<Entry>> queues = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  public Deadlines(String threadName) {
    thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Runs {@code onExpiry} once {@code delay} has passed, unless {@code answered} is true by then.
   * {@code onExpiry} runs on the deadline thread: keep it short and non-blocking.
   */
  public void schedule(Duration delay, BooleanSupplier answered, Runnable onExpiry) {
    long nanos = delay.toNanos();
    queues
        .computeIfAbsent(nanos, key -> new ConcurrentLinkedQueue<>())
        .add(new Entry(System.nanoTime() + nanos, answered, onExpiry));
  }

  private void run() {
    long tick = TICK.toNanos();
    while (running) {
      LockSupport.parkNanos(tick);
      long now = System.nanoTime();
      for (Queue<Entry> queue : queues.values()) {
        expire(queue, now);
      }
    }
  }

  private static void expire(Queue<Entry> queue, long now) {
    for (Entry head = queue.peek(); head != null; head = queue.peek()) {
      if (head.answered.getAsBoolean()) {
        queue.poll();
        continue;
      }
      // Entries of one queue share a delay, so they are (almost exactly) in deadline order.
      if (head.deadline - now > 0) {
        return;
      }
      queue.poll();
      try {
        head.onExpiry.run();
      } catch (RuntimeException e) {
        LOG.error("Deadline task failed", e);
      }
    }
  }

  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Entry(long deadline, BooleanSupplier answered, Runnable onExpiry) {}
}
