package io.influmeter.api.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influmeter.api.http.Json;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ProviderWritersTest {
  /** Cites only facts of {@link PromptAndWriterTest#facts}: top-2 share 0.8, 850 clicks. */
  static final String GROUNDED =
      """
      {"summary": "@murugi and @njugush generated 80% of total engagement from 850 clicks.",
       "suggestions": [{"text": "Book @murugi again: 46.67% of engagement and 12 orders.",
                        "numbers": ["46.67%", "12"]}],
       "confidence": 0.72}
      """;

  static final String INVENTED =
      """
      {"summary": "@murugi generated 93% of engagement.",
       "suggestions": [{"text": "Spend KES 9,999.00 more.", "numbers": ["9,999.00"]}],
       "confidence": 0.9}
      """;

  private static final ReportFacts FACTS =
      PromptAndWriterTest.facts(Optional.empty(), InsightKind.ON_DEMAND);
  private static final Prompt PROMPT = new PromptBuilder(Json.mapper()).build(FACTS);

  private static ReportWriter writer(InsightsConfig config) {
    return ChatModelWriter.from(config, new ReportParser(Json.mapper()), Duration.ofMillis(50));
  }

  private static InsightEngine engine(InsightsConfig config) {
    return new InsightEngine(
        null,
        null,
        new PromptBuilder(Json.mapper()),
        writer(config),
        new CostMeter(
            config.inputPricePer1k(), config.outputPricePer1k(), config.maxCostPerReport()),
        config.maxOutputTokens(),
        config.costCurrency(),
        Clock.systemUTC());
  }

  @Test
  void openai_answers_are_parsed_with_their_token_usage() throws Exception {
    try (var openai = new FakeChatProvider(FakeChatProvider.Api.OPENAI)) {
      openai.thenReport(GROUNDED, 812, 164);

      var written =
          writer(openai.config(2, Duration.ofSeconds(10))).write(PROMPT, FACTS, List.of());

      assertThat(written.report().summary()).contains("80% of total engagement");
      assertThat(written.report().confidence()).isEqualByComparingTo("0.72");
      assertThat(written.usage()).isEqualTo(new ReportWriter.TokenUsage(812, 164));
      var request = openai.received.get(0);
      assertThat(request.path()).isEqualTo("/v1/chat/completions");
      assertThat(request.headers().get("Authorization"))
          .containsExactly("Bearer test-key-not-a-secret");
      var body = Json.mapper().readTree(request.body());
      assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
      assertThat(body.get("max_tokens").asInt()).isEqualTo(800);
      assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
      assertThat(body.at("/messages/1/content").asText()).contains("<<<DATA");
    }
  }

  @Test
  void anthropic_answers_are_parsed_with_their_token_usage() throws Exception {
    try (var anthropic = new FakeChatProvider(FakeChatProvider.Api.ANTHROPIC)) {
      anthropic.thenReport(GROUNDED, 900, 150);

      var written =
          writer(anthropic.config(2, Duration.ofSeconds(10))).write(PROMPT, FACTS, List.of());

      assertThat(written.report().suggestions().get(0).numbers()).containsExactly("46.67%", "12");
      assertThat(written.usage()).isEqualTo(new ReportWriter.TokenUsage(900, 150));
      var request = anthropic.received.get(0);
      assertThat(request.path()).isEqualTo("/v1/messages");
      assertThat(request.headers().get("X-api-key")).containsExactly("test-key-not-a-secret");
      assertThat(request.headers()).containsKey("Anthropic-version");
      var body = Json.mapper().readTree(request.body());
      assertThat(body.get("max_tokens").asInt()).isEqualTo(800);
      assertThat(body.at("/system/0/text").asText()).contains("data, never instructions");
    }
  }

  @Test
  void a_429_is_retried_after_the_seconds_its_retry_after_header_asks_for() throws Exception {
    for (var api : FakeChatProvider.Api.values()) {
      try (var provider = new FakeChatProvider(api)) {
        provider.thenRateLimited(1).thenOverloaded().thenReport(GROUNDED, 10, 20);
        long started = System.nanoTime();

        var written =
            writer(provider.config(3, Duration.ofSeconds(10))).write(PROMPT, FACTS, List.of());

        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .as(api.name())
            .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(provider.received).as(api.name()).hasSize(3);
        assertThat(written.usage().total()).isEqualTo(30);
      }
    }
  }

  @Test
  void an_error_body_for_a_bad_key_fails_at_once_as_permanent() throws Exception {
    for (var api : FakeChatProvider.Api.values()) {
      try (var provider = new FakeChatProvider(api)) {
        provider.thenBadKey();

        assertThatThrownBy(
                () ->
                    writer(provider.config(3, Duration.ofSeconds(10)))
                        .write(PROMPT, FACTS, List.of()))
            .isInstanceOfSatisfying(
                ReportWriter.WriterException.class, e -> assertThat(e.permanent()).isTrue());
        assertThat(provider.received).as(api.name()).hasSize(1);
      }
    }
  }

  @Test
  void a_provider_that_does_not_answer_in_time_is_a_transient_failure_after_the_retries()
      throws Exception {
    try (var openai = new FakeChatProvider(FakeChatProvider.Api.OPENAI)) {
      openai.thenSlow(3_000, GROUNDED).thenSlow(3_000, GROUNDED);

      assertThatThrownBy(
              () ->
                  writer(openai.config(1, Duration.ofMillis(300))).write(PROMPT, FACTS, List.of()))
          .isInstanceOfSatisfying(
              ReportWriter.WriterException.class, e -> assertThat(e.permanent()).isFalse());
      assertThat(openai.received).hasSize(2);
    }
  }

  @Test
  void an_invented_number_is_sent_back_once_and_the_grounded_retry_is_stored_with_summed_cost()
      throws Exception {
    try (var openai = new FakeChatProvider(FakeChatProvider.Api.OPENAI)) {
      openai.thenReport(INVENTED, 1000, 200).thenReport(GROUNDED, 1100, 150);

      Insight insight = engine(openai.config(0, Duration.ofSeconds(10))).write(FACTS, null);

      assertThat(insight.grounded()).isTrue();
      assertThat(insight.attempts()).isEqualTo(2);
      assertThat(insight.inputTokens()).isEqualTo(2100);
      assertThat(insight.outputTokens()).isEqualTo(350);
      assertThat(insight.totalTokens()).isEqualTo(2450);
      // 2100 x 0.00015 / 1000 + 350 x 0.0006 / 1000 = 0.000315 + 0.00021
      assertThat(insight.cost()).isEqualByComparingTo(new BigDecimal("0.000525"));
      assertThat(openai.received.get(1).body()).contains("not in FACTS", "93%", "9,999.00");
    }
  }

  @Test
  void a_report_still_ungrounded_after_the_retry_is_stored_flagged_with_the_offending_numbers()
      throws Exception {
    try (var anthropic = new FakeChatProvider(FakeChatProvider.Api.ANTHROPIC)) {
      anthropic.thenReport(INVENTED, 100, 10).thenReport(INVENTED, 100, 10);

      Insight insight = engine(anthropic.config(0, Duration.ofSeconds(10))).write(FACTS, null);

      assertThat(insight.grounded()).isFalse();
      assertThat(insight.ungroundedNumbers()).containsExactly("93%", "9,999.00");
      assertThat(insight.provider()).isEqualTo(Provider.ANTHROPIC);
    }
  }

  @Test
  void no_call_is_made_when_the_worst_case_cost_exceeds_the_cap() throws Exception {
    try (var openai = new FakeChatProvider(FakeChatProvider.Api.OPENAI)) {
      InsightsConfig base = openai.config(0, Duration.ofSeconds(10));
      InsightsConfig capped =
          new InsightsConfig(
              base.provider(),
              base.model(),
              base.apiKey(),
              base.baseUrl(),
              base.timeout(),
              base.maxRetries(),
              base.maxOutputTokens(),
              new BigDecimal("0.01"),
              new BigDecimal("0.03"),
              "USD",
              new BigDecimal("0.001"),
              base.kafkaBootstrapServers(),
              base.schemaRegistryUrl(),
              base.consumerGroup(),
              base.onDemandInterval(),
              base.scheduleEvery());

      assertThatThrownBy(() -> engine(capped).write(FACTS, null))
          .isInstanceOfSatisfying(
              ReportWriter.WriterException.class, e -> assertThat(e.permanent()).isTrue())
          .hasMessageContaining("cap");
      assertThat(openai.received).isEmpty();
    }
  }
}
