package io.influmeter.ingest.stores;

import io.influmeter.events.StorePlatform;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A store that may send webhooks, with its signing secrets. During a rotation the previous secret
 * stays valid until {@code previousSecretExpiresAt} (null: until it is removed).
 */
public record Store(
    String id,
    String brandId,
    StorePlatform platform,
    String currency,
    String signingSecret,
    String previousSigningSecret,
    Instant previousSecretExpiresAt) {

  public Store {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(brandId, "brandId");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(signingSecret, "signingSecret");
  }

  /** The secrets a signature may be made with at {@code now}: current first, then previous. */
  public List<byte[]> secretsAt(Instant now) {
    List<byte[]> secrets = new ArrayList<>(2);
    secrets.add(signingSecret.getBytes(StandardCharsets.UTF_8));
    boolean previousValid =
        previousSigningSecret != null
            && (previousSecretExpiresAt == null || now.isBefore(previousSecretExpiresAt));
    if (previousValid) {
      secrets.add(previousSigningSecret.getBytes(StandardCharsets.UTF_8));
    }
    return List.copyOf(secrets);
  }

  @Override
  public String toString() {
    return "Store[id=" + id + ", brandId=" + brandId + ", platform=" + platform + "]";
  }
}
