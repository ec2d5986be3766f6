package io.influmeter.schemas.registry;

import java.time.Duration;

/** Picks the registry a deployable uses from its configuration. */
public final class SchemaRegistries {

  private SchemaRegistries() {}

  /**
   * The Confluent REST client when a URL is configured ({@code SCHEMA_REGISTRY_URL}); otherwise the
   * built-in registry with deterministic ids, which needs no server.
   */
  public static SchemaRegistry fromUrl(String urlOrNull) {
    return fromUrl(urlOrNull, null);
  }

  /**
   * Like {@link #fromUrl(String)}, with HTTP basic auth.
   *
   * @param basicAuthUserInfo {@code user:password}, or null for none
   */
  public static SchemaRegistry fromUrl(String urlOrNull, String basicAuthUserInfo) {
    if (urlOrNull == null || urlOrNull.isBlank()) {
      return new BuiltInSchemaRegistry();
    }
    return new ConfluentSchemaRegistryClient(
        urlOrNull.trim(), Duration.ofSeconds(10), basicAuthUserInfo);
  }
}
