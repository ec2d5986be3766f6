package io.influmeter.api.stores;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** Bodies and answers of /brands/stores. */
public final class StoreViews {
  private StoreViews() {}

  /** Registration body. */
  public record Register(StorePlatform platform, String displayName, String currency) {}

  /** Rotation body; graceHours defaults to 24. */
  public record Rotate(Integer graceHours) {}

  /** A store as listed: never a secret. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Store(
      UUID id,
      StorePlatform platform,
      String displayName,
      String currency,
      String webhookUrl,
      Instant previousSecretExpiresAt,
      Instant createdAt,
      Instant updatedAt) {}

  /**
   * The one answer that carries a signing secret (registration and rotation): shown once, the
   * server keeps it only sealed.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WithSecret(Store store, String signingSecret) {}
}
