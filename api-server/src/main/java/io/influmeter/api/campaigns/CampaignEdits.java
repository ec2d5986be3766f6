package io.influmeter.api.campaigns;

import io.influmeter.api.campaigns.Campaign.CampaignTerms;
import io.influmeter.api.campaigns.CampaignRequests.CampaignInput;
import io.influmeter.api.campaigns.CampaignRequests.CommissionInput;
import io.influmeter.api.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an edit may change, by status. DRAFT and REJECTED campaigns are edited freely. SUBMITTED
 * ones are frozen while the admin reviews them (what is approved is what was reviewed). After
 * approval (APPROVED, ACTIVE) only terms that cannot change what influencers already agreed to or
 * what was already earned may change: the brief, the name, the landing and fallback URLs, a later
 * end date and a larger budget. Commission, currency, attribution model and lookback, start date,
 * objective, targeting and UTM template are fixed, so no commission is ever changed retroactively.
 */
final class CampaignEdits {
  private CampaignEdits() {}

  /** The edited terms, validated, or an ApiException naming what may not change. */
  static CampaignTerms apply(Campaign campaign, CampaignInput patch) {
    CampaignStatus status = campaign.status();
    switch (status) {
      case DRAFT, REJECTED, APPROVED, ACTIVE -> {}
      case SUBMITTED, COMPLETED, CANCELLED ->
          throw ApiException.conflict(
              "campaign-not-editable",
              "A "
                  + status
                  + " campaign cannot be edited"
                  + (status == CampaignStatus.SUBMITTED
                      ? " while it is under review; cancel it or wait for the decision."
                      : "."));
    }
    CampaignTerms edited = CampaignValidator.validate(overlay(campaign.terms(), patch));
    if (status == CampaignStatus.APPROVED || status == CampaignStatus.ACTIVE) {
      checkAfterApproval(campaign.terms(), edited);
    }
    return edited;
  }

  private static void checkAfterApproval(CampaignTerms before, CampaignTerms after) {
    List<ApiException.FieldError> locked = new ArrayList<>();
    lock(locked, "objective", before.objective(), after.objective());
    lock(locked, "currency", before.currency(), after.currency());
    lock(locked, "startsAt", before.startsAt(), after.startsAt());
    lock(locked, "commission", before.commission(), after.commission());
    lock(
        locked,
        "attributionLookbackDays",
        before.attributionLookbackDays(),
        after.attributionLookbackDays());
    lock(locked, "attributionModel", before.attributionModel(), after.attributionModel());
    lock(locked, "targetFilters", before.targetFilters(), after.targetFilters());
    lock(locked, "utmTemplate", before.utmTemplate(), after.utmTemplate());
    lock(locked, "allowUtmPassthrough", before.allowUtmPassthrough(), after.allowUtmPassthrough());
    if (after.endsAt().isBefore(before.endsAt())) {
      locked.add(
          new ApiException.FieldError(
              "endsAt", "may only move later once the campaign is approved"));
    }
    if (after.budgetMinor() < before.budgetMinor()) {
      locked.add(
          new ApiException.FieldError("budget", "may only grow once the campaign is approved"));
    }
    if (!locked.isEmpty()) {
      throw new ApiException(
          409,
          "campaign-field-locked",
          "Field locked",
          "These fields cannot change once the campaign is approved: "
              + String.join(", ", locked.stream().map(ApiException.FieldError::field).toList())
              + ".",
          locked,
          Map.of());
    }
  }

  private static void lock(
      List<ApiException.FieldError> locked, String field, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      locked.add(new ApiException.FieldError(field, "cannot change once the campaign is approved"));
    }
  }

  /** The stored terms as an input, with every non-null member of the patch laid over them. */
  private static CampaignInput overlay(CampaignTerms t, CampaignInput p) {
    CommissionInput commission =
        t.commission().type() == Commission.Type.PERCENTAGE
            ? new CommissionInput("PERCENTAGE", t.commission().percent().toPlainString(), null)
            : new CommissionInput(
                "FIXED", null, Money.format(t.commission().fixedMinor(), t.currency()));
    return new CampaignInput(
        or(p.name(), t.name()),
        or(p.brief(), t.brief()),
        or(p.objective(), t.objective()),
        or(p.budget(), Money.format(t.budgetMinor(), t.currency())),
        or(p.currency(), t.currency()),
        or(p.startsAt(), t.startsAt()),
        or(p.endsAt(), t.endsAt()),
        or(p.commission(), commission),
        or(p.attributionLookbackDays(), t.attributionLookbackDays()),
        or(p.attributionModel(), t.attributionModel()),
        or(p.targetFilters(), t.targetFilters()),
        or(p.landingUrl(), t.landingUrl()),
        or(p.fallbackUrl(), t.fallbackUrl()),
        or(p.utmTemplate(), t.utmTemplate()),
        or(p.allowUtmPassthrough(), t.allowUtmPassthrough()),
        null);
  }

  private static <T> T or(T patched, T stored) {
    return patched != null ? patched : stored;
  }
}
