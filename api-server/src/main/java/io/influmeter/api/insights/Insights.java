package io.influmeter.api.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.http.RateLimiter;
import java.time.Clock;
import org.jooq.DSLContext;

/**
 * The insight feature wired from its configuration: the engine the HTTP routes, the trigger worker
 * and the periodic scheduler share.
 */
public record Insights(
    InsightsConfig config,
    InsightEngine engine,
    InsightRepository repository,
    FactsRepository facts,
    InsightController controller) {

  public static Insights create(
      InsightsConfig config, DSLContext dsl, Clock clock, ObjectMapper json) {
    var facts = new FactsRepository(dsl);
    var repository = new InsightRepository(dsl, json);
    var writer = ChatModelWriter.from(config, new ReportParser(json));
    var engine =
        new InsightEngine(
            facts,
            repository,
            new PromptBuilder(json),
            writer,
            new CostMeter(
                config.inputPricePer1k(), config.outputPricePer1k(), config.maxCostPerReport()),
            config.maxOutputTokens(),
            config.costCurrency(),
            clock);
    var controller =
        new InsightController(
            engine, repository, new RateLimiter(dsl, clock), config.onDemandInterval(), clock);
    return new Insights(config, engine, repository, facts, controller);
  }

  public PeriodicSummaries periodicSummaries() {
    return new PeriodicSummaries(facts, engine);
  }
}
