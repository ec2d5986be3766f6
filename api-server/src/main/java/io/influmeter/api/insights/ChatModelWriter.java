package io.influmeter.api.insights;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes reports with a LangChain4j chat model (OpenAI or Anthropic, or any endpoint speaking one
 * of their APIs via the base URL). Retries live in {@link RetryingHttpClient} (LangChain4j's own
 * are off, so one policy applies and {@code Retry-After} is honoured); the answer is parsed and
 * validated by {@link ReportParser}.
 */
public final class ChatModelWriter implements ReportWriter {
  private final Provider provider;
  private final String model;
  private final ChatModel chat;
  private final ReportParser parser;

  ChatModelWriter(Provider provider, String model, ChatModel chat, ReportParser parser) {
    this.provider = provider;
    this.model = model;
    this.chat = chat;
    this.parser = parser;
  }

  /** The writer the configuration names; the built-in one when no provider is configured. */
  public static ReportWriter from(InsightsConfig config, ReportParser parser) {
    return from(config, parser, Duration.ofMillis(500));
  }

  static ReportWriter from(InsightsConfig config, ReportParser parser, Duration baseBackoff) {
    var http = new RetryingHttpClient.Builder(config.maxRetries(), baseBackoff);
    return switch (config.provider()) {
      case BUILTIN -> new BuiltinWriter();
      case OPENAI -> {
        var builder =
            OpenAiChatModel.builder()
                .httpClientBuilder(http)
                .apiKey(config.apiKey())
                .modelName(config.model())
                .maxTokens(config.maxOutputTokens())
                .temperature(0.2)
                .timeout(config.timeout())
                .maxRetries(0);
        config.baseUrl().ifPresent(url -> builder.baseUrl(url.toString()));
        yield new ChatModelWriter(Provider.OPENAI, config.model(), builder.build(), parser);
      }
      case ANTHROPIC -> {
        var builder =
            AnthropicChatModel.builder()
                .httpClientBuilder(http)
                .apiKey(config.apiKey())
                .modelName(config.model())
                .maxTokens(config.maxOutputTokens())
                .temperature(0.2)
                .timeout(config.timeout())
                .maxRetries(0);
        config.baseUrl().ifPresent(url -> builder.baseUrl(url.toString()));
        yield new ChatModelWriter(Provider.ANTHROPIC, config.model(), builder.build(), parser);
      }
    };
  }

  @Override
  public Provider provider() {
    return provider;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public Written write(Prompt prompt, ReportFacts facts, List<String> rejectedNumbers) {
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(SystemMessage.from(prompt.system()));
    messages.add(UserMessage.from(prompt.user()));
    if (!rejectedNumbers.isEmpty()) {
      messages.add(
          UserMessage.from(
              "Your previous report cited numbers that are not in FACTS: "
                  + String.join(", ", rejectedNumbers)
                  + ". Write the report again, citing only numbers from FACTS."));
    }
    ChatResponse response;
    try {
      response = chat.chat(ChatRequest.builder().messages(messages).build());
    } catch (RuntimeException e) {
      throw new WriterException(
          provider + " call failed: " + describe(e), permanent(e), TokenUsage.NONE, e);
    }
    TokenUsage usage = usage(response);
    AiMessage answer = response.aiMessage();
    try {
      return new Written(parser.parse(answer == null ? null : answer.text()), usage);
    } catch (ReportParser.InvalidReportException e) {
      throw new WriterException(
          provider + " answered without a valid report: " + e.getMessage(), false, usage, e);
    }
  }

  private static TokenUsage usage(ChatResponse response) {
    var usage = response.tokenUsage();
    if (usage == null) {
      return TokenUsage.NONE;
    }
    return new TokenUsage(
        usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
        usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
  }

  /** A 4xx other than 408/429 (bad key, bad model, bad request) will fail again as it is. */
  private static boolean permanent(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof HttpException http) {
        int status = http.statusCode();
        return status >= 400 && status < 500 && status != 408 && status != 429;
      }
      if (t instanceof NonRetriableException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable error) {
    String message = error.getMessage();
    String text = error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return text.length() > 500 ? text.substring(0, 500) : text;
  }
}
