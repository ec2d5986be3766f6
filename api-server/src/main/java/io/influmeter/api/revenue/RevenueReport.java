package io.influmeter.api.revenue;

import static io.influmeter.api.db.Tables.CAMPAIGNS;
import static io.influmeter.api.db.Tables.CAMPAIGN_REVENUE_DAILY;
import static io.influmeter.api.db.Tables.PLATFORM_FEE_RULES;
import static io.influmeter.api.db.Tables.SUBSCRIPTIONS;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Platform revenue between two days (both included): subscription revenue, recognised in the month
 * its period starts, plus performance fees.
 *
 * <p>Performance fee input: {@code campaign_revenue_daily} (per campaign, day and currency: the
 * attributed net revenue in minor units and the number of conversions), filled by the attribution
 * aggregation. Per campaign, month and currency the fee is {@code round_half_even(net revenue *
 * percent / 100) + conversions * fixed}, with the campaign's rule if it has one, else the rule of
 * the plan of its brand's latest subscription overlapping that month, else no fee. The percentage
 * is computed exactly in BigDecimal and rounded once per campaign-month; money stays in long minor
 * units.
 */
public final class RevenueReport {
  private final DSLContext dsl;

  public RevenueReport(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** One source of revenue: a subscription or one campaign's fee for one month. */
  public record Line(
      String month,
      String currency,
      String kind,
      UUID referenceId,
      String name,
      long basisMinor,
      Long conversions,
      String rule,
      long amountMinor) {}

  public record MonthTotal(
      String month,
      String currency,
      long subscriptionMinor,
      long performanceFeeMinor,
      long totalMinor) {}

  public record Report(LocalDate from, LocalDate to, List<MonthTotal> months, List<Line> lines) {}

  private record Rule(String source, BigDecimal percent, long fixedMinor) {}

  public Report build(LocalDate from, LocalDate to) {
    List<Line> lines = new ArrayList<>();
    lines.addAll(subscriptionLines(from, to));
    lines.addAll(feeLines(from, to));
    lines.sort(
        Comparator.comparing(Line::month)
            .thenComparing(Line::currency)
            .thenComparing(Line::kind)
            .thenComparing(l -> l.referenceId().toString()));
    Map<String, long[]> totals = new TreeMap<>();
    for (Line line : lines) {
      long[] sums = totals.computeIfAbsent(line.month() + " " + line.currency(), k -> new long[2]);
      if (line.kind().equals("SUBSCRIPTION")) {
        sums[0] = Math.addExact(sums[0], line.amountMinor());
      } else {
        sums[1] = Math.addExact(sums[1], line.amountMinor());
      }
    }
    List<MonthTotal> months = new ArrayList<>();
    totals.forEach(
        (key, sums) -> {
          String[] parts = key.split(" ");
          months.add(
              new MonthTotal(
                  parts[0], parts[1], sums[0], sums[1], Math.addExact(sums[0], sums[1])));
        });
    return new Report(from, to, months, lines);
  }

  private List<Line> subscriptionLines(LocalDate from, LocalDate to) {
    return dsl.selectFrom(SUBSCRIPTIONS)
        .where(SUBSCRIPTIONS.PERIOD_START.between(from, to))
        .fetch(
            s ->
                new Line(
                    YearMonth.from(s.getPeriodStart()).toString(),
                    s.getCurrency(),
                    "SUBSCRIPTION",
                    s.getId(),
                    s.getPlan(),
                    s.getAmountMinor(),
                    null,
                    null,
                    s.getAmountMinor()));
  }

  private List<Line> feeLines(LocalDate from, LocalDate to) {
    var year = DSL.year(CAMPAIGN_REVENUE_DAILY.DAY);
    var month = DSL.month(CAMPAIGN_REVENUE_DAILY.DAY);
    var net = DSL.sum(CAMPAIGN_REVENUE_DAILY.NET_REVENUE_MINOR);
    var conversions = DSL.sum(CAMPAIGN_REVENUE_DAILY.CONVERSIONS);
    var rows =
        dsl.select(
                CAMPAIGN_REVENUE_DAILY.CAMPAIGN_ID,
                CAMPAIGNS.NAME,
                CAMPAIGNS.BRAND_ID,
                year,
                month,
                CAMPAIGN_REVENUE_DAILY.CURRENCY,
                net,
                conversions)
            .from(CAMPAIGN_REVENUE_DAILY)
            .join(CAMPAIGNS)
            .on(CAMPAIGNS.ID.eq(CAMPAIGN_REVENUE_DAILY.CAMPAIGN_ID))
            .where(CAMPAIGN_REVENUE_DAILY.DAY.between(from, to))
            .groupBy(
                CAMPAIGN_REVENUE_DAILY.CAMPAIGN_ID,
                CAMPAIGNS.NAME,
                CAMPAIGNS.BRAND_ID,
                year,
                month,
                CAMPAIGN_REVENUE_DAILY.CURRENCY)
            .fetch();
    Map<UUID, Rule> campaignRules = new HashMap<>();
    Map<String, Rule> planRules = new HashMap<>();
    for (var r : dsl.selectFrom(PLATFORM_FEE_RULES).fetch()) {
      if (r.getCampaignId() != null) {
        campaignRules.put(
            r.getCampaignId(),
            new Rule("CAMPAIGN", r.getPercent(), r.getFixedPerConversionMinor()));
      } else {
        planRules.put(
            r.getPlan(),
            new Rule("PLAN:" + r.getPlan(), r.getPercent(), r.getFixedPerConversionMinor()));
      }
    }
    List<Line> lines = new ArrayList<>();
    for (var row : rows) {
      UUID campaignId = row.value1();
      YearMonth ym = YearMonth.of(row.value4(), row.value5());
      long netMinor = row.value7().longValueExact();
      long count = row.value8().longValueExact();
      Rule rule = campaignRules.get(campaignId);
      if (rule == null) {
        rule = planRule(row.value3(), ym, planRules);
      }
      long fee = 0;
      if (rule != null) {
        long percentFee =
            BigDecimal.valueOf(netMinor)
                .multiply(rule.percent())
                .divide(BigDecimal.valueOf(100))
                .setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact();
        fee = Math.addExact(percentFee, Math.multiplyExact(count, rule.fixedMinor()));
      }
      lines.add(
          new Line(
              ym.toString(),
              row.value6(),
              "PERFORMANCE_FEE",
              campaignId,
              row.value2(),
              netMinor,
              count,
              rule == null ? "NONE" : rule.source(),
              fee));
    }
    return lines;
  }

  private Rule planRule(UUID brandId, YearMonth month, Map<String, Rule> planRules) {
    String plan =
        dsl.select(SUBSCRIPTIONS.PLAN)
            .from(SUBSCRIPTIONS)
            .where(
                SUBSCRIPTIONS.BRAND_ID.eq(brandId),
                SUBSCRIPTIONS.PERIOD_START.le(month.atEndOfMonth()),
                SUBSCRIPTIONS.PERIOD_END.ge(month.atDay(1)))
            .orderBy(SUBSCRIPTIONS.PERIOD_START.desc(), SUBSCRIPTIONS.CREATED_AT.desc())
            .limit(1)
            .fetchOne(SUBSCRIPTIONS.PLAN);
    return plan == null ? null : planRules.get(plan);
  }
}
