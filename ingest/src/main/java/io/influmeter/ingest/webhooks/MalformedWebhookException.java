package io.influmeter.ingest.webhooks;

/** A correctly signed body that cannot become a conversion: answered 400, kept as a dead letter. */
public final class MalformedWebhookException extends Exception {
  public MalformedWebhookException(String reason) {
    super(reason);
  }

  public MalformedWebhookException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
