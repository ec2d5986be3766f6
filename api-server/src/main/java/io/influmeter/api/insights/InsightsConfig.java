package io.influmeter.api.insights;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of the insight engine, parsed once from the environment (see the README's "AI
 * insights" table).
 *
 * @param provider who writes reports; BUILTIN needs nothing else
 * @param model chat model name (ignored by BUILTIN)
 * @param apiKey the provider's key (never logged)
 * @param baseUrl the provider's API base, so compatible endpoints and test fakes work; empty = the
 *     provider's default
 * @param timeout per HTTP call to the provider
 * @param maxRetries retries after the first call on 429, 5xx and timeouts (backoff, Retry-After
 *     honoured)
 * @param maxOutputTokens cap on the tokens of one answer
 * @param inputPricePer1k price of 1000 input tokens in {@code costCurrency}
 * @param outputPricePer1k price of 1000 output tokens
 * @param costCurrency currency of the prices and of stored costs
 * @param maxCostPerReport no call is made that could push a report's cost above this
 * @param kafkaBootstrapServers where ai.triggers is read; empty = no trigger worker
 * @param schemaRegistryUrl Confluent-compatible registry, empty = the built-in registry
 * @param consumerGroup the trigger worker's consumer group
 * @param onDemandInterval at most one on-demand report per campaign per interval
 * @param scheduleEvery how often the periodic scheduler looks for due campaigns
 */
public record InsightsConfig(
    Provider provider,
    String model,
    String apiKey,
    Optional<URI> baseUrl,
    Duration timeout,
    int maxRetries,
    int maxOutputTokens,
    BigDecimal inputPricePer1k,
    BigDecimal outputPricePer1k,
    String costCurrency,
    BigDecimal maxCostPerReport,
    Optional<String> kafkaBootstrapServers,
    Optional<String> schemaRegistryUrl,
    String consumerGroup,
    Duration onDemandInterval,
    Duration scheduleEvery) {

  public static final String DEFAULT_GROUP = "influmeter-api-insights";

  /** Built-in writer, no trigger worker: what tests and embedders get by default. */
  public static InsightsConfig builtin() {
    return new InsightsConfig(
        Provider.BUILTIN,
        BuiltinWriter.MODEL,
        null,
        Optional.empty(),
        Duration.ofSeconds(60),
        3,
        1_000,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        "USD",
        new BigDecimal("0.50"),
        Optional.empty(),
        Optional.empty(),
        DEFAULT_GROUP,
        Duration.ofMinutes(1),
        Duration.ofHours(1));
  }

  /** The same configuration with the trigger worker reading from these brokers. */
  public InsightsConfig withKafka(String bootstrapServers) {
    return new InsightsConfig(
        provider,
        model,
        apiKey,
        baseUrl,
        timeout,
        maxRetries,
        maxOutputTokens,
        inputPricePer1k,
        outputPricePer1k,
        costCurrency,
        maxCostPerReport,
        Optional.of(bootstrapServers),
        schemaRegistryUrl,
        consumerGroup,
        onDemandInterval,
        scheduleEvery);
  }

  /** Parses the environment, reporting every bad variable at once. */
  public static InsightsConfig fromEnvironment(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    InsightsConfig d = builtin();
    Provider provider = Provider.BUILTIN;
    String providerName = get(env, "INSIGHTS_PROVIDER");
    if (providerName != null) {
      try {
        provider = Provider.valueOf(providerName.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(
            "INSIGHTS_PROVIDER: must be openai, anthropic or builtin, was " + providerName);
      }
    }
    String apiKey =
        switch (provider) {
          case OPENAI -> get(env, "OPENAI_API_KEY");
          case ANTHROPIC -> get(env, "ANTHROPIC_API_KEY");
          case BUILTIN -> null;
        };
    if (provider != Provider.BUILTIN && apiKey == null) {
      problems.add(
          (provider == Provider.OPENAI ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY")
              + ": required when INSIGHTS_PROVIDER="
              + provider.name().toLowerCase(Locale.ROOT));
    }
    String model = get(env, "INSIGHTS_MODEL");
    if (model == null) {
      model =
          switch (provider) {
            case OPENAI -> "gpt-4o-mini";
            case ANTHROPIC -> "claude-3-5-haiku-latest";
            case BUILTIN -> BuiltinWriter.MODEL;
          };
    }
    Optional<URI> baseUrl = Optional.empty();
    String base = get(env, "INSIGHTS_BASE_URL");
    if (base != null) {
      try {
        URI uri = URI.create(base);
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
          problems.add("INSIGHTS_BASE_URL: must be an http(s) URL, was " + base);
        }
        baseUrl = Optional.of(uri);
      } catch (IllegalArgumentException e) {
        problems.add("INSIGHTS_BASE_URL: not a URL: " + base);
      }
    }
    Duration timeout = d.timeout;
    String timeoutText = get(env, "INSIGHTS_TIMEOUT");
    if (timeoutText != null) {
      try {
        timeout = Duration.parse(timeoutText);
      } catch (RuntimeException e) {
        problems.add("INSIGHTS_TIMEOUT: not an ISO-8601 duration such as PT60S: " + timeoutText);
      }
    }
    int retries = integer(env, "INSIGHTS_MAX_RETRIES", d.maxRetries, 0, 10, problems);
    int maxTokens =
        integer(env, "INSIGHTS_MAX_OUTPUT_TOKENS", d.maxOutputTokens, 64, 32_000, problems);
    BigDecimal inPrice = decimal(env, "INSIGHTS_PRICE_INPUT_PER_1K", d.inputPricePer1k, problems);
    BigDecimal outPrice =
        decimal(env, "INSIGHTS_PRICE_OUTPUT_PER_1K", d.outputPricePer1k, problems);
    BigDecimal cap = decimal(env, "INSIGHTS_MAX_COST_PER_REPORT", d.maxCostPerReport, problems);
    String currency = Optional.ofNullable(get(env, "INSIGHTS_COST_CURRENCY")).orElse("USD");
    if (!currency.matches("[A-Z]{3}")) {
      problems.add("INSIGHTS_COST_CURRENCY: must be an ISO 4217 code, was " + currency);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid AI insights configuration:\n  " + String.join("\n  ", problems));
    }
    return new InsightsConfig(
        provider,
        model,
        apiKey,
        baseUrl,
        timeout,
        retries,
        maxTokens,
        inPrice,
        outPrice,
        currency,
        cap,
        Optional.ofNullable(get(env, "KAFKA_BOOTSTRAP_SERVERS")),
        Optional.ofNullable(get(env, "SCHEMA_REGISTRY_URL")),
        Optional.ofNullable(get(env, "INSIGHTS_CONSUMER_GROUP")).orElse(DEFAULT_GROUP),
        d.onDemandInterval,
        d.scheduleEvery);
  }

  private static String get(Map<String, String> env, String key) {
    String value = env.get(key);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static int integer(
      Map<String, String> env, String key, int fallback, int min, int max, List<String> problems) {
    String value = get(env, key);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(key + ": must be a whole number from " + min + " to " + max + ", was " + value);
    return fallback;
  }

  private static BigDecimal decimal(
      Map<String, String> env, String key, BigDecimal fallback, List<String> problems) {
    String value = get(env, key);
    if (value == null) {
      return fallback;
    }
    try {
      BigDecimal parsed = new BigDecimal(value);
      if (parsed.signum() >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(key + ": must be a non-negative decimal, was " + value);
    return fallback;
  }

  @Override
  public String toString() {
    // The API key never reaches a log line.
    return "InsightsConfig[provider="
        + provider
        + ", model="
        + model
        + ", apiKey="
        + (apiKey == null ? "none" : "<redacted>")
        + ", baseUrl="
        + baseUrl
        + ", timeout="
        + timeout
        + ", maxRetries="
        + maxRetries
        + ", maxOutputTokens="
        + maxOutputTokens
        + ", maxCostPerReport="
        + maxCostPerReport
        + " "
        + costCurrency
        + ", kafka="
        + kafkaBootstrapServers
        + ", group="
        + consumerGroup
        + "]";
  }
}
