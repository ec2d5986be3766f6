package io.influmeter.api.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background side of notifications: one daemon thread that drains due e-mails every poll
 * interval and runs the ending-soon sweep every sweep interval. One thread is enough (e-mails are
 * few) and keeps the two jobs from competing for the pool; several instances share the work safely
 * through the database. Started with the api runtime, stopped before its connection pool closes.
 */
public final class NotificationRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationRuntime.class);

  private final ScheduledExecutorService executor;

  private NotificationRuntime(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /** The sender the configuration asks for: SMTP when a server is configured, the log otherwise. */
  public static MailSender sender(NotificationConfig config) {
    return config.smtp().<MailSender>map(SmtpMailSender::new).orElseGet(LogMailSender::new);
  }

  /** Starts the worker and the sweep, or nothing when the worker is disabled. */
  public static NotificationRuntime start(
      NotificationConfig config,
      DSLContext dsl,
      Clock clock,
      ObjectMapper json,
      MeterRegistry metrics) {
    if (!config.workerEnabled()) {
      return new NotificationRuntime(null);
    }
    var worker =
        new NotificationWorker(
            dsl,
            clock,
            sender(config),
            config,
            () -> ThreadLocalRandom.current().nextDouble(),
            json,
            metrics);
    var sweep =
        new EndingSoonSweep(
            dsl, clock, new NotificationOutbox(clock, json), config.endingSoonDays());
    var executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              var thread = new Thread(runnable, "api-server-notifications");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            worker.drain();
          } catch (RuntimeException e) {
            // The database is away; the rows wait and the next round tries again.
            LOG.warn("notification worker round failed: {}", e.toString());
          }
        },
        0,
        config.pollInterval().toMillis(),
        TimeUnit.MILLISECONDS);
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            int queued = sweep.sweep();
            if (queued > 0) {
              LOG.info("queued {} campaign-ending-soon e-mails", queued);
            }
          } catch (RuntimeException e) {
            LOG.warn("ending-soon sweep failed: {}", e.toString());
          }
        },
        0,
        config.sweepInterval().toMillis(),
        TimeUnit.MILLISECONDS);
    LOG.info(
        "notifications: sending by {} every {}",
        config.smtp().map(SmtpConfig::toString).orElse("log (no SMTP_HOST)"),
        config.pollInterval());
    return new NotificationRuntime(executor);
  }

  @Override
  public void close() {
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    try {
      // Let a send in progress finish or time out so its row is marked before the pool closes.
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
