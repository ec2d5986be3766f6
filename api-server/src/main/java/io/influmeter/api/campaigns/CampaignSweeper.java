package io.influmeter.api.campaigns;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.campaigns.Lifecycle.Transition;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The clock's transitions: APPROVED becomes ACTIVE once {@code startsAt} has passed, ACTIVE becomes
 * COMPLETED once {@code endsAt} has. {@code ApiRuntime} runs {@link #sweepDue()} periodically;
 * reads run it too (for the one campaign, or all due ones before a list), so nobody ever sees a
 * campaign in a status its dates have already ended.
 *
 * <p>Each move is a compare-and-set on the version in its own transaction, audited with no actor:
 * when two sweeps race, one wins and the other skips that campaign.
 */
public final class CampaignSweeper {
  private final DSLContext dsl;
  private final Clock clock;
  private final ObjectMapper json;

  public CampaignSweeper(DSLContext dsl, Clock clock, ObjectMapper json) {
    this.dsl = dsl;
    this.clock = clock;
    this.json = json;
  }

  /** Moves every due campaign on; returns how many transitions it made. */
  public int sweepDue() {
    Instant now = clock.instant();
    var repository = new CampaignRepository(dsl, json);
    int moved = 0;
    for (UUID id : repository.due(CampaignStatus.APPROVED, false, now)) {
      moved += sweep(id, now);
    }
    for (UUID id : repository.due(CampaignStatus.ACTIVE, true, now)) {
      moved += sweep(id, now);
    }
    return moved;
  }

  /** Moves one campaign on as far as its dates say (APPROVED may go straight on to COMPLETED). */
  public int sweep(UUID id) {
    return sweep(id, clock.instant());
  }

  private int sweep(UUID id, Instant now) {
    int moved = 0;
    while (step(id, now)) {
      moved++;
    }
    return moved;
  }

  private boolean step(UUID id, Instant now) {
    return dsl.transactionResult(
        tx -> {
          var tdsl = DSL.using(tx);
          var repository = new CampaignRepository(tdsl, json);
          Campaign before = repository.find(id).orElse(null);
          if (before == null) {
            return false;
          }
          CampaignAction action = due(before, now);
          if (action == null) {
            return false;
          }
          Transition transition = Lifecycle.find(before.status(), action).orElseThrow();
          Campaign after = CampaignTransitions.apply(before, transition, null, null, now);
          if (!repository.update(after)) {
            return false;
          }
          CampaignService.audit(
              tdsl,
              json,
              null,
              "campaign." + action.wireName(),
              id,
              Map.of("status", before.status().name()),
              Map.of("status", after.status().name()),
              null,
              now);
          return true;
        });
  }

  private static CampaignAction due(Campaign c, Instant now) {
    return switch (c.status()) {
      case APPROVED -> c.terms().startsAt().isAfter(now) ? null : CampaignAction.ACTIVATE;
      case ACTIVE -> c.terms().endsAt().isAfter(now) ? null : CampaignAction.COMPLETE;
      case DRAFT, SUBMITTED, REJECTED, COMPLETED, CANCELLED -> null;
    };
  }
}
