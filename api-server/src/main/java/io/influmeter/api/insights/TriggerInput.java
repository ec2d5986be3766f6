package io.influmeter.api.insights;

import java.time.Instant;
import java.util.List;

/**
 * The part of an {@code ai.triggers} record a report rests on.
 *
 * @param facts the trigger's measured facts; their subjects are influencer ids or null
 */
public record TriggerInput(
    String triggerId,
    String campaignId,
    InsightKind kind,
    Instant periodStart,
    Instant periodEnd,
    String headline,
    List<TriggerFactInput> facts) {

  public TriggerInput {
    facts = List.copyOf(facts);
  }

  /** One fact as the trigger carries it (value an exact decimal string). */
  public record TriggerFactInput(String name, String value, String unit, String subjectId) {}
}
