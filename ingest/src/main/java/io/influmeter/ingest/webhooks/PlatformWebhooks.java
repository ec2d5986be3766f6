package io.influmeter.ingest.webhooks;

import io.influmeter.events.StorePlatform;
import io.influmeter.ingest.stores.Store;
import java.util.List;

/** One platform's webhook dialect: how deliveries are signed and what their bodies mean. */
public interface PlatformWebhooks {

  StorePlatform platform();

  /** Path segment of {@code /webhooks/{platform}/{storeId}}. */
  default String pathName() {
    return platform().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** True when the raw body is signed with one of {@code secrets}. Never throws. */
  boolean signatureValid(WebhookRequest request, List<byte[]> secrets);

  /**
   * Maps a signed delivery.
   *
   * @throws MalformedWebhookException when the body cannot become a conversion
   */
  ParsedWebhook parse(WebhookRequest request, Store store) throws MalformedWebhookException;
}
