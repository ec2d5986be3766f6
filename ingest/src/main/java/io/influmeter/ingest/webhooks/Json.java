package io.influmeter.ingest.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** JSON reading for webhook bodies: every failure becomes a {@link MalformedWebhookException}. */
final class Json {

  // Amounts stay exact: numbers with a fraction become BigDecimal, never double.
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  private Json() {}

  static JsonNode parse(byte[] body) throws MalformedWebhookException {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw new MalformedWebhookException("body is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedWebhookException("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedWebhookException("unreadable body: " + e.getMessage());
    } catch (RuntimeException e) {
      // Jackson reports some number overflows as NumberFormatException (found by fuzzing).
      throw new MalformedWebhookException("malformed JSON: " + e.getClass().getSimpleName());
    }
  }

  /** A scalar as text (numbers without exponent), or null when absent or not a scalar. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull() || value.isContainerNode()) {
      return null;
    }
    String text = value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText();
    return text.isBlank() ? null : text;
  }

  static String requiredText(JsonNode node, String field) throws MalformedWebhookException {
    String value = text(node, field);
    if (value == null) {
      throw new MalformedWebhookException("missing field: " + field);
    }
    if (value.length() > 256) {
      throw new MalformedWebhookException("field too long: " + field);
    }
    return value;
  }

  /** An amount in major units, from a JSON string or number. */
  static BigDecimal amount(JsonNode node, String field) throws MalformedWebhookException {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull()) {
      throw new MalformedWebhookException("missing amount: " + field);
    }
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual()) {
      return Money.parse(value.asText());
    }
    throw new MalformedWebhookException("bad amount: " + field);
  }

  /** A whole number of minor units (Stripe's amounts). */
  static long minorUnits(JsonNode node, String field) throws MalformedWebhookException {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null
        || !value.isIntegralNumber()
        || !value.canConvertToLong()
        || value.asLong() < 0) {
      throw new MalformedWebhookException("missing or bad integer amount: " + field);
    }
    return value.asLong();
  }

  /** An ISO-8601 timestamp with offset, or null when absent or unparseable. */
  static Instant instant(JsonNode node, String field) {
    String text = text(node, field);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  /** A query parameter of a URL or path ("/?im_click=..."), or null. */
  static String queryParameter(String url, String name) {
    if (url == null || url.length() > 4096) {
      return null;
    }
    int question = url.indexOf('?');
    if (question < 0) {
      return null;
    }
    String query = url.substring(question + 1);
    int hash = query.indexOf('#');
    query = hash < 0 ? query : query.substring(0, hash);
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(name)) {
        try {
          return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }
}
