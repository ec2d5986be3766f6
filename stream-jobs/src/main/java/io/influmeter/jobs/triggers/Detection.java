package io.influmeter.jobs.triggers;

import io.influmeter.events.AiTriggerKind;
import io.influmeter.events.TriggerFact;
import java.util.List;

/**
 * A fact a rule found, before the function dedups it and turns it into an {@code AiTrigger}.
 *
 * @param kind what was detected
 * @param periodStart start of the period the facts describe (epoch millis)
 * @param periodEnd end of that period (exclusive)
 * @param dedupKey the period of "at most one per campaign per kind per period" (epoch millis)
 * @param headline deterministic one-line summary
 * @param facts the numbers that prove it
 */
public record Detection(
    AiTriggerKind kind,
    long periodStart,
    long periodEnd,
    long dedupKey,
    String headline,
    List<TriggerFact> facts) {

  public Detection {
    facts = List.copyOf(facts);
  }
}
