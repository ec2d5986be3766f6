package io.influmeter.api.insights;

import io.influmeter.events.AiTrigger;
import io.influmeter.events.TriggerFact;
import java.util.List;

/** Maps a decoded {@link AiTrigger} to the engine's {@link TriggerInput}. */
final class TriggerDecoder {
  private TriggerDecoder() {}

  static TriggerInput toInput(AiTrigger trigger) {
    List<TriggerInput.TriggerFactInput> facts =
        trigger.getFacts().stream().map(TriggerDecoder::fact).toList();
    return new TriggerInput(
        trigger.getTriggerId().toString(),
        trigger.getCampaignId().toString(),
        InsightKind.valueOf(trigger.getKind().name()),
        trigger.getPeriodStart(),
        trigger.getPeriodEnd(),
        trigger.getHeadline().toString(),
        facts);
  }

  private static TriggerInput.TriggerFactInput fact(TriggerFact fact) {
    return new TriggerInput.TriggerFactInput(
        fact.getName().toString(),
        fact.getValue().toString(),
        fact.getUnit() == null ? null : fact.getUnit().toString(),
        fact.getSubjectId() == null ? null : fact.getSubjectId().toString());
  }
}
