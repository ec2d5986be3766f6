package io.influmeter.api.campaigns;

import static io.influmeter.api.campaigns.CampaignAction.ACTIVATE;
import static io.influmeter.api.campaigns.CampaignAction.APPROVE;
import static io.influmeter.api.campaigns.CampaignAction.CANCEL;
import static io.influmeter.api.campaigns.CampaignAction.CLOSE;
import static io.influmeter.api.campaigns.CampaignAction.COMPLETE;
import static io.influmeter.api.campaigns.CampaignAction.REJECT;
import static io.influmeter.api.campaigns.CampaignAction.SUBMIT;
import static io.influmeter.api.campaigns.CampaignStatus.ACTIVE;
import static io.influmeter.api.campaigns.CampaignStatus.APPROVED;
import static io.influmeter.api.campaigns.CampaignStatus.CANCELLED;
import static io.influmeter.api.campaigns.CampaignStatus.COMPLETED;
import static io.influmeter.api.campaigns.CampaignStatus.DRAFT;
import static io.influmeter.api.campaigns.CampaignStatus.REJECTED;
import static io.influmeter.api.campaigns.CampaignStatus.SUBMITTED;

import java.util.List;
import java.util.Optional;

/**
 * The one place that says how a campaign's status may change and who may change it. Services ask
 * it; nothing else compares statuses to decide whether a transition is legal.
 *
 * <p>Leaving REJECTED is not a transition of this table: editing a rejected campaign returns it to
 * DRAFT (see {@link CampaignService}), so the brand fixes and re-submits the same campaign.
 */
public final class Lifecycle {
  /** Who performs a transition. SYSTEM transitions are run by the sweeper from the clock. */
  public enum Actor {
    BRAND_OWNER,
    ADMIN,
    SYSTEM
  }

  /** One legal move: in {@code from}, {@code action} by {@code actor} leads to {@code to}. */
  public record Transition(
      CampaignStatus from, CampaignAction action, CampaignStatus to, Actor actor) {}

  private static final List<Transition> TABLE =
      List.of(
          new Transition(DRAFT, SUBMIT, SUBMITTED, Actor.BRAND_OWNER),
          new Transition(SUBMITTED, APPROVE, APPROVED, Actor.ADMIN),
          new Transition(SUBMITTED, REJECT, REJECTED, Actor.ADMIN),
          new Transition(APPROVED, ACTIVATE, ACTIVE, Actor.SYSTEM),
          new Transition(ACTIVE, COMPLETE, COMPLETED, Actor.SYSTEM),
          new Transition(ACTIVE, CLOSE, COMPLETED, Actor.BRAND_OWNER),
          new Transition(DRAFT, CANCEL, CANCELLED, Actor.BRAND_OWNER),
          new Transition(SUBMITTED, CANCEL, CANCELLED, Actor.BRAND_OWNER),
          new Transition(APPROVED, CANCEL, CANCELLED, Actor.BRAND_OWNER));

  private Lifecycle() {}

  public static List<Transition> table() {
    return TABLE;
  }

  public static Optional<Transition> find(CampaignStatus from, CampaignAction action) {
    return TABLE.stream().filter(t -> t.from() == from && t.action() == action).findFirst();
  }

  /** The actions a person (not the sweeper) may request in {@code from}, in table order. */
  public static List<String> requestableFrom(CampaignStatus from) {
    return TABLE.stream()
        .filter(t -> t.from() == from && t.actor() != Actor.SYSTEM)
        .map(t -> t.action().wireName())
        .toList();
  }
}
