package io.influmeter.ingest.webhooks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** JSON reading for webhook bodies: every failure becomes a {@link MalformedWebhookException}. */
final class Json {

  // Amounts stay exact: numbers with a fraction become BigDecimal, never double.
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  // Reads one field's value out of a larger document: what follows it is not "trailing".
  private static final ObjectReader FIELD_READER =
      MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
    } catch (IOException | RuntimeException e) {
      throw malformed(e);
    }
  }

  /**
   * Like {@link #parse}, but builds nodes only for the named top-level fields; the rest of the
   * document is still read to its end (so malformed JSON, nesting deeper than allowed and trailing
   * content are refused as before) but skipped without building a tree. Most of a 2-5 KB order is
   * line items, addresses and shipping lines that no conversion reads, and building their tree was
   * about 12% of ingest's CPU per webhook. Duplicate fields: the last one wins, as with {@link
   * #parse}.
   */
  static JsonNode parseFields(byte[] body, Set<String> fields) throws MalformedWebhookException {
    try (JsonParser parser = MAPPER.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedWebhookException("body is not a JSON object");
      }
      ObjectNode node = MAPPER.createObjectNode();
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        JsonToken value = parser.nextToken();
        if (!fields.contains(name)) {
          parser.skipChildren();
        } else if (value == JsonToken.VALUE_STRING) {
          // Most named fields are strings: a node directly, without a deserialization context.
          node.put(name, parser.getText());
        } else {
          node.set(name, FIELD_READER.readTree(parser));
        }
      }
      if (parser.nextToken() != null) {
        throw new MalformedWebhookException("malformed JSON: content after the object");
      }
      return node;
    } catch (IOException | RuntimeException e) {
      throw malformed(e);
    }
  }

  private static MalformedWebhookException malformed(Exception e) {
    if (e instanceof JsonProcessingException json) {
      return new MalformedWebhookException("malformed JSON: " + json.getOriginalMessage());
    }
    if (e instanceof IOException) {
      return new MalformedWebhookException("unreadable body: " + e.getMessage());
    }
    // Jackson reports some number overflows as NumberFormatException (found by fuzzing).
    return new MalformedWebhookException("malformed JSON: " + e.getClass().getSimpleName());
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
