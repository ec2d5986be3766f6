package io.influmeter.api.admin;

import static io.influmeter.api.db.Tables.CAMPAIGNS;
import static io.influmeter.api.db.Tables.CONTENT_ITEMS;
import static io.influmeter.api.db.Tables.DISPUTES;
import static io.influmeter.api.db.Tables.USERS;

import io.influmeter.api.revenue.RevenueReport;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@code GET /admin/dashboard}: the platform at a glance, each figure one grouped count. */
public final class DashboardController {
  private final DSLContext dsl;
  private final Clock clock;

  public DashboardController(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  public record UserCount(String role, String status, int count) {}

  public record StatusCount(String status, int count) {}

  public record PendingReviews(int submittedCampaigns, int flaggedContent) {}

  public record Revenue(String month, List<RevenueReport.MonthTotal> totals) {}

  public record Dashboard(
      List<UserCount> users,
      List<StatusCount> campaigns,
      PendingReviews pendingReviews,
      int openDisputes,
      Revenue revenueThisMonth) {}

  public void dashboard(Context ctx) {
    ctx.json(build());
  }

  public Dashboard build() {
    var users =
        dsl.select(USERS.ROLE, USERS.STATUS, DSL.count())
            .from(USERS)
            .groupBy(USERS.ROLE, USERS.STATUS)
            .orderBy(USERS.ROLE, USERS.STATUS)
            .fetch(r -> new UserCount(r.value1(), r.value2(), r.value3()));
    var campaigns =
        dsl.select(CAMPAIGNS.STATUS, DSL.count())
            .from(CAMPAIGNS)
            .groupBy(CAMPAIGNS.STATUS)
            .orderBy(CAMPAIGNS.STATUS)
            .fetch(r -> new StatusCount(r.value1(), r.value2()));
    int submitted = dsl.fetchCount(CAMPAIGNS, CAMPAIGNS.STATUS.eq("SUBMITTED"));
    int flagged = dsl.fetchCount(CONTENT_ITEMS, CONTENT_ITEMS.MODERATION.eq("FLAGGED"));
    int openDisputes = dsl.fetchCount(DISPUTES, DISPUTES.STATUS.eq("OPEN"));
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    YearMonth month = YearMonth.from(today);
    var report = new RevenueReport(dsl).build(month.atDay(1), month.atEndOfMonth());
    return new Dashboard(
        users,
        campaigns,
        new PendingReviews(submitted, flagged),
        openDisputes,
        new Revenue(month.toString(), report.months()));
  }
}
