package io.influmeter.ingest.webhooks;

import io.influmeter.events.ConversionEvent;

/** What a signed webhook body means for us. */
public sealed interface ParsedWebhook {

  /** An order, refund or cancellation to produce. */
  record Conversion(ConversionEvent event) implements ParsedWebhook {}

  /** A topic or state we do not track (answered 202 and counted). */
  record Ignored(String what) implements ParsedWebhook {}
}
