package io.influmeter.api.insights;

import static io.influmeter.api.db.Tables.AI_INSIGHTS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.influmeter.api.db.tables.records.AiInsightsRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.impl.DSL;

/** The {@code ai_insights} table. Inserts are idempotent (see the unique keys in V14). */
public final class InsightRepository {
  private static final TypeReference<List<Report.Suggestion>> SUGGESTIONS =
      new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final DSLContext dsl;
  private final ObjectMapper json;

  public InsightRepository(DSLContext dsl, ObjectMapper json) {
    this.dsl = dsl;
    this.json = json;
  }

  /** Inserts unless the trigger or (campaign, kind, period) already has a report: true if new. */
  public boolean insert(Insight insight) {
    return dsl.insertInto(AI_INSIGHTS)
            .set(AI_INSIGHTS.ID, insight.id())
            .set(AI_INSIGHTS.CAMPAIGN_ID, insight.campaignId())
            .set(AI_INSIGHTS.TRIGGER_ID, insight.triggerId())
            .set(AI_INSIGHTS.KIND, insight.kind().name())
            .set(AI_INSIGHTS.PERIOD_START, utc(insight.periodStart()))
            .set(AI_INSIGHTS.PERIOD_END, utc(insight.periodEnd()))
            .set(AI_INSIGHTS.PROVIDER, insight.provider().name())
            .set(AI_INSIGHTS.MODEL, insight.model())
            .set(AI_INSIGHTS.PROMPT_SHA256, insight.promptSha256())
            .set(AI_INSIGHTS.SUMMARY, insight.summary())
            .set(AI_INSIGHTS.SUGGESTIONS, jsonb(insight.suggestions()))
            .set(AI_INSIGHTS.CONFIDENCE, insight.confidence())
            .set(AI_INSIGHTS.GROUNDED, insight.grounded())
            .set(AI_INSIGHTS.UNGROUNDED_NUMBERS, jsonb(insight.ungroundedNumbers()))
            .set(AI_INSIGHTS.ATTEMPTS, insight.attempts())
            .set(AI_INSIGHTS.INPUT_TOKENS, insight.inputTokens())
            .set(AI_INSIGHTS.OUTPUT_TOKENS, insight.outputTokens())
            .set(AI_INSIGHTS.TOTAL_TOKENS, insight.totalTokens())
            .set(AI_INSIGHTS.COST, insight.cost())
            .set(AI_INSIGHTS.COST_CURRENCY, insight.costCurrency())
            .set(AI_INSIGHTS.CREATED_AT, utc(insight.createdAt()))
            .onConflictDoNothing()
            .execute()
        == 1;
  }

  public Optional<Insight> byTrigger(String triggerId) {
    return dsl.selectFrom(AI_INSIGHTS)
        .where(AI_INSIGHTS.TRIGGER_ID.eq(triggerId))
        .fetchOptional(this::toInsight);
  }

  /** Newest first. */
  public List<Insight> list(UUID campaignId, int limit, int offset) {
    return dsl.selectFrom(AI_INSIGHTS)
        .where(AI_INSIGHTS.CAMPAIGN_ID.eq(campaignId))
        .orderBy(AI_INSIGHTS.CREATED_AT.desc(), AI_INSIGHTS.ID.desc())
        .limit(limit)
        .offset(offset)
        .fetch(this::toInsight);
  }

  /** When the campaign last got a report of this kind. */
  public Optional<Instant> latest(UUID campaignId, InsightKind kind) {
    return dsl.select(DSL.max(AI_INSIGHTS.CREATED_AT))
        .from(AI_INSIGHTS)
        .where(AI_INSIGHTS.CAMPAIGN_ID.eq(campaignId))
        .and(AI_INSIGHTS.KIND.eq(kind.name()))
        .fetchOptional(r -> r.value1() == null ? null : r.value1().toInstant());
  }

  /** One row of the admins' cost report. */
  public record DailyCost(
      LocalDate day,
      String provider,
      String model,
      int reports,
      long inputTokens,
      long outputTokens,
      long totalTokens,
      @JsonSerialize(using = PlainDecimalSerializer.class) BigDecimal cost,
      String currency) {}

  /** Cost and tokens per UTC day, provider, model and currency, from {@code from} to {@code to}. */
  public List<DailyCost> dailyCosts(Instant from, Instant toExclusive) {
    Field<LocalDate> day =
        DSL.field(
            "cast(({0} at time zone 'UTC') as date)", LocalDate.class, AI_INSIGHTS.CREATED_AT);
    return dsl.select(
            day,
            AI_INSIGHTS.PROVIDER,
            AI_INSIGHTS.MODEL,
            DSL.count(),
            DSL.sum(AI_INSIGHTS.INPUT_TOKENS),
            DSL.sum(AI_INSIGHTS.OUTPUT_TOKENS),
            DSL.sum(AI_INSIGHTS.TOTAL_TOKENS),
            DSL.sum(AI_INSIGHTS.COST),
            AI_INSIGHTS.COST_CURRENCY)
        .from(AI_INSIGHTS)
        .where(AI_INSIGHTS.CREATED_AT.ge(utc(from)))
        .and(AI_INSIGHTS.CREATED_AT.lt(utc(toExclusive)))
        .groupBy(day, AI_INSIGHTS.PROVIDER, AI_INSIGHTS.MODEL, AI_INSIGHTS.COST_CURRENCY)
        .orderBy(day, AI_INSIGHTS.PROVIDER, AI_INSIGHTS.MODEL)
        .fetch(
            r ->
                new DailyCost(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5().longValueExact(),
                    r.value6().longValueExact(),
                    r.value7().longValueExact(),
                    r.value8(),
                    r.value9()));
  }

  private Insight toInsight(AiInsightsRecord r) {
    return new Insight(
        r.getId(),
        r.getCampaignId(),
        r.getTriggerId(),
        InsightKind.valueOf(r.getKind()),
        r.getPeriodStart().toInstant(),
        r.getPeriodEnd().toInstant(),
        Provider.valueOf(r.getProvider()),
        r.getModel(),
        r.getPromptSha256(),
        r.getSummary(),
        read(r.getSuggestions(), SUGGESTIONS),
        r.getConfidence(),
        r.getGrounded(),
        read(r.getUngroundedNumbers(), STRINGS),
        r.getAttempts(),
        r.getInputTokens(),
        r.getOutputTokens(),
        r.getTotalTokens(),
        r.getCost(),
        r.getCostCurrency(),
        r.getCreatedAt().toInstant());
  }

  private JSON jsonb(Object value) {
    try {
      return JSON.valueOf(json.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  private <T> T read(JSON value, TypeReference<T> type) {
    try {
      return json.readValue(value.data(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable JSON in ai_insights", e);
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
