package io.influmeter.api.notifications;

import java.time.Duration;
import java.util.Optional;

/**
 * How queued e-mails are sent.
 *
 * @param workerEnabled run the worker and the ending-soon sweep in this process
 * @param pollInterval pause between two looks for due e-mails
 * @param batchSize e-mails claimed per look (a claim is one short transaction)
 * @param maxAttempts attempts before an e-mail is given up as FAILED
 * @param retryBase wait after the first failed attempt; each further failure waits four times
 *     longer (plus up to a quarter of jitter)
 * @param retryMax longest wait between two attempts
 * @param endingSoonDays a campaign is "ending soon" this many days before its end
 * @param sweepInterval pause between two ending-soon sweeps
 * @param smtp the SMTP server, empty = e-mails are written to the log instead
 */
public record NotificationConfig(
    boolean workerEnabled,
    Duration pollInterval,
    int batchSize,
    int maxAttempts,
    Duration retryBase,
    Duration retryMax,
    int endingSoonDays,
    Duration sweepInterval,
    Optional<SmtpConfig> smtp) {

  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
  public static final int DEFAULT_BATCH_SIZE = 20;
  public static final int DEFAULT_MAX_ATTEMPTS = 8;
  public static final Duration DEFAULT_RETRY_BASE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RETRY_MAX = Duration.ofHours(6);
  public static final int DEFAULT_ENDING_SOON_DAYS = 3;
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(15);

  public NotificationConfig {
    if (batchSize < 1 || maxAttempts < 1 || endingSoonDays < 1) {
      throw new IllegalArgumentException(
          "batchSize, maxAttempts and endingSoonDays must be positive");
    }
  }

  /** The production defaults: worker on, e-mails to the log until an SMTP server is configured. */
  public static NotificationConfig defaults() {
    return new NotificationConfig(
        true,
        DEFAULT_POLL_INTERVAL,
        DEFAULT_BATCH_SIZE,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_RETRY_BASE,
        DEFAULT_RETRY_MAX,
        DEFAULT_ENDING_SOON_DAYS,
        DEFAULT_SWEEP_INTERVAL,
        Optional.empty());
  }

  public NotificationConfig withWorkerEnabled(boolean enabled) {
    return new NotificationConfig(
        enabled,
        pollInterval,
        batchSize,
        maxAttempts,
        retryBase,
        retryMax,
        endingSoonDays,
        sweepInterval,
        smtp);
  }

  public NotificationConfig withPollInterval(Duration interval) {
    return new NotificationConfig(
        workerEnabled,
        interval,
        batchSize,
        maxAttempts,
        retryBase,
        retryMax,
        endingSoonDays,
        sweepInterval,
        smtp);
  }

  public NotificationConfig withMaxAttempts(int attempts) {
    return new NotificationConfig(
        workerEnabled,
        pollInterval,
        batchSize,
        attempts,
        retryBase,
        retryMax,
        endingSoonDays,
        sweepInterval,
        smtp);
  }

  public NotificationConfig withSmtp(SmtpConfig server) {
    return new NotificationConfig(
        workerEnabled,
        pollInterval,
        batchSize,
        maxAttempts,
        retryBase,
        retryMax,
        endingSoonDays,
        sweepInterval,
        Optional.of(server));
  }

  /** The backoff these settings describe. */
  public RetryPolicy retryPolicy() {
    return new RetryPolicy(retryBase, retryMax);
  }
}
