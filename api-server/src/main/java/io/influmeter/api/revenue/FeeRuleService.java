package io.influmeter.api.revenue;

import static io.influmeter.api.db.Tables.CAMPAIGNS;
import static io.influmeter.api.db.Tables.PLATFORM_FEE_RULES;
import static io.influmeter.api.db.Tables.SUBSCRIPTIONS;
import static io.influmeter.api.db.Tables.USERS;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.audit.AuditLog;
import io.influmeter.api.auth.Principal;
import io.influmeter.api.db.tables.records.PlatformFeeRulesRecord;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.http.Validation;
import io.influmeter.api.revenue.RevenueRequests.FeeRule;
import io.influmeter.api.revenue.RevenueRequests.RecordSubscription;
import io.influmeter.api.revenue.RevenueRequests.SetFeeRule;
import io.influmeter.api.revenue.RevenueRequests.Subscription;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The admin's fee rules (per campaign, per plan) and recorded subscriptions; all audited. */
public final class FeeRuleService {
  public static final Pattern PLAN = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private final DSLContext dsl;
  private final Clock clock;
  private final ObjectMapper json;

  public FeeRuleService(DSLContext dsl, Clock clock, ObjectMapper json) {
    this.dsl = dsl;
    this.clock = clock;
    this.json = json;
  }

  public FeeRule setCampaignRule(
      Principal admin, UUID campaignId, SetFeeRule request, String clientIp) {
    validate(request);
    if (!dsl.fetchExists(CAMPAIGNS, CAMPAIGNS.ID.eq(campaignId))) {
      throw ApiException.notFound();
    }
    return upsert(
        admin, PLATFORM_FEE_RULES.CAMPAIGN_ID.eq(campaignId), campaignId, null, request, clientIp);
  }

  public FeeRule setPlanRule(Principal admin, String plan, SetFeeRule request, String clientIp) {
    if (!PLAN.matcher(plan).matches()) {
      throw ApiException.notFound();
    }
    validate(request);
    return upsert(admin, PLATFORM_FEE_RULES.PLAN.eq(plan), null, plan, request, clientIp);
  }

  public Subscription recordSubscription(
      Principal admin, RecordSubscription request, String clientIp) {
    var validation = new Validation();
    validation.required("brandId", request.brandId());
    validation.required("plan", request.plan());
    validation.check(
        request.plan() == null || PLAN.matcher(request.plan()).matches(),
        "plan",
        "must be 1-32 of A-Z, a-z, 0-9, _ and -");
    validation.required("amountMinor", request.amountMinor());
    validation.check(
        request.amountMinor() == null || request.amountMinor() >= 0,
        "amountMinor",
        "must be zero or more (minor units)");
    validation.required("currency", request.currency());
    validation.check(
        request.currency() == null || CURRENCY.matcher(request.currency()).matches(),
        "currency",
        "must be an ISO 4217 code such as KES");
    validation.required("periodStart", request.periodStart());
    validation.required("periodEnd", request.periodEnd());
    validation.check(
        request.periodStart() == null
            || request.periodEnd() == null
            || !request.periodEnd().isBefore(request.periodStart()),
        "periodEnd",
        "must not be before periodStart");
    validation.throwIfInvalid();
    boolean brand = dsl.fetchExists(USERS, USERS.ID.eq(request.brandId()), USERS.ROLE.eq("BRAND"));
    if (!brand) {
      throw ApiException.validation(
          java.util.List.of(new ApiException.FieldError("brandId", "is not a brand account")));
    }
    Instant now = clock.instant();
    var subscription =
        new Subscription(
            UUID.randomUUID(),
            request.brandId(),
            request.plan(),
            request.amountMinor(),
            request.currency(),
            request.periodStart(),
            request.periodEnd(),
            now);
    dsl.transaction(
        tx -> {
          var tdsl = DSL.using(tx);
          tdsl.insertInto(SUBSCRIPTIONS)
              .set(SUBSCRIPTIONS.ID, subscription.id())
              .set(SUBSCRIPTIONS.BRAND_ID, subscription.brandId())
              .set(SUBSCRIPTIONS.PLAN, subscription.plan())
              .set(SUBSCRIPTIONS.AMOUNT_MINOR, subscription.amountMinor())
              .set(SUBSCRIPTIONS.CURRENCY, subscription.currency())
              .set(SUBSCRIPTIONS.PERIOD_START, subscription.periodStart())
              .set(SUBSCRIPTIONS.PERIOD_END, subscription.periodEnd())
              .set(SUBSCRIPTIONS.CREATED_BY, admin.userId())
              .set(SUBSCRIPTIONS.CREATED_AT, now.atOffset(ZoneOffset.UTC))
              .execute();
          new AuditLog(tdsl, json)
              .record(
                  new AuditLog.Change(
                      admin.userId(),
                      "subscription.recorded",
                      "subscription",
                      subscription.id().toString(),
                      null,
                      subscription,
                      clientIp),
                  now);
        });
    return subscription;
  }

  private FeeRule upsert(
      Principal admin,
      org.jooq.Condition target,
      UUID campaignId,
      String plan,
      SetFeeRule request,
      String clientIp) {
    Instant now = clock.instant();
    long fixed = request.fixedPerConversionMinor() == null ? 0 : request.fixedPerConversionMinor();
    BigDecimal percent = request.percent() == null ? BigDecimal.ZERO : request.percent();
    return dsl.transactionResult(
        tx -> {
          var tdsl = DSL.using(tx);
          PlatformFeeRulesRecord existing =
              tdsl.selectFrom(PLATFORM_FEE_RULES).where(target).forUpdate().fetchOne();
          FeeRule before = existing == null ? null : map(existing);
          UUID id = existing == null ? UUID.randomUUID() : existing.getId();
          if (existing == null) {
            tdsl.insertInto(PLATFORM_FEE_RULES)
                .set(PLATFORM_FEE_RULES.ID, id)
                .set(PLATFORM_FEE_RULES.CAMPAIGN_ID, campaignId)
                .set(PLATFORM_FEE_RULES.PLAN, plan)
                .set(PLATFORM_FEE_RULES.PERCENT, percent)
                .set(PLATFORM_FEE_RULES.FIXED_PER_CONVERSION_MINOR, fixed)
                .set(PLATFORM_FEE_RULES.UPDATED_BY, admin.userId())
                .set(PLATFORM_FEE_RULES.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .execute();
          } else {
            tdsl.update(PLATFORM_FEE_RULES)
                .set(PLATFORM_FEE_RULES.PERCENT, percent)
                .set(PLATFORM_FEE_RULES.FIXED_PER_CONVERSION_MINOR, fixed)
                .set(PLATFORM_FEE_RULES.UPDATED_BY, admin.userId())
                .set(PLATFORM_FEE_RULES.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .where(PLATFORM_FEE_RULES.ID.eq(id))
                .execute();
          }
          FeeRule after = new FeeRule(id, campaignId, plan, percent, fixed, now);
          new AuditLog(tdsl, json)
              .record(
                  new AuditLog.Change(
                      admin.userId(),
                      "fee-rule.set",
                      "fee-rule",
                      campaignId != null ? "campaign:" + campaignId : "plan:" + plan,
                      before,
                      after,
                      clientIp),
                  now);
          return after;
        });
  }

  private static void validate(SetFeeRule request) {
    var validation = new Validation();
    validation.check(
        request.percent() != null || request.fixedPerConversionMinor() != null,
        "percent",
        "give percent, fixedPerConversionMinor or both");
    BigDecimal percent = request.percent();
    validation.check(
        percent == null
            || (percent.signum() >= 0
                && percent.compareTo(BigDecimal.valueOf(100)) <= 0
                && percent.stripTrailingZeros().scale() <= 4),
        "percent",
        "must be from 0 to 100 with at most 4 decimals");
    validation.check(
        request.fixedPerConversionMinor() == null || request.fixedPerConversionMinor() >= 0,
        "fixedPerConversionMinor",
        "must be zero or more (minor units)");
    validation.throwIfInvalid();
  }

  private static FeeRule map(PlatformFeeRulesRecord r) {
    return new FeeRule(
        r.getId(),
        r.getCampaignId(),
        r.getPlan(),
        r.getPercent(),
        r.getFixedPerConversionMinor(),
        r.getUpdatedAt().toInstant());
  }
}
