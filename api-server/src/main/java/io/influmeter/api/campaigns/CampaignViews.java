package io.influmeter.api.campaigns;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the API shows of campaigns. */
public final class CampaignViews {
  private CampaignViews() {}

  /** A campaign with its money as decimal strings and the actions its owner may request now. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CampaignView(
      UUID id,
      UUID brandId,
      String name,
      String brief,
      String objective,
      String budget,
      String currency,
      Instant startsAt,
      Instant endsAt,
      CommissionView commission,
      int attributionLookbackDays,
      String attributionModel,
      TargetFilters targetFilters,
      String landingUrl,
      String fallbackUrl,
      Map<String, String> utmTemplate,
      boolean allowUtmPassthrough,
      CampaignStatus status,
      String rejectionReason,
      List<String> allowedActions,
      Instant submittedAt,
      Instant decidedAt,
      Instant closedAt,
      Instant createdAt,
      Instant updatedAt,
      int version) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CommissionView(String type, String percent, String amount) {}

  /** A page of campaigns; {@code nextOffset} is absent on the last page. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CampaignPage(List<CampaignView> campaigns, Integer nextOffset) {}

  public static CampaignView of(Campaign c) {
    var t = c.terms();
    Commission commission = t.commission();
    CommissionView commissionView =
        commission.type() == Commission.Type.PERCENTAGE
            ? new CommissionView("PERCENTAGE", commission.percent().toPlainString(), null)
            : new CommissionView(
                "FIXED", null, Money.format(commission.fixedMinor(), t.currency()));
    return new CampaignView(
        c.id(),
        c.brandId(),
        t.name(),
        t.brief(),
        t.objective(),
        Money.format(t.budgetMinor(), t.currency()),
        t.currency(),
        t.startsAt(),
        t.endsAt(),
        commissionView,
        t.attributionLookbackDays(),
        t.attributionModel(),
        t.targetFilters(),
        t.landingUrl(),
        t.fallbackUrl(),
        t.utmTemplate(),
        t.allowUtmPassthrough(),
        c.status(),
        c.rejectionReason(),
        Lifecycle.requestableFrom(c.status()),
        c.submittedAt(),
        c.decidedAt(),
        c.closedAt(),
        c.createdAt(),
        c.updatedAt(),
        c.version());
  }
}
