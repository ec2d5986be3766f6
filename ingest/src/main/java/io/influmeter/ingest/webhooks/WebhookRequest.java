package io.influmeter.ingest.webhooks;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A webhook delivery as received: headers (names lower-cased) and the raw body bytes, which
 * signatures are checked on before anything parses them.
 */
public record WebhookRequest(
    String storeId, Map<String, String> headers, byte[] body, Instant receivedAt) {

  public WebhookRequest {
    headers = Map.copyOf(headers);
  }

  /** A header by case-insensitive name, or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
