package io.influmeter.schemas;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The secrets that sign click ids. The first key signs new ids; every key verifies, so a key can be
 * rotated without breaking clicks already in flight (keep the old key until the longest attribution
 * lookback has passed).
 *
 * <p>Configuration form (e.g. {@code CLICK_ID_SECRETS}): {@code
 * id:base64secret[,id:base64secret...]} where {@code id} is 0..255 and each secret is at least 32
 * bytes.
 */
public final class ClickIdKeys {

  static final int MIN_SECRET_BYTES = 32;

  /** One signing key. */
  public record Key(int id, byte[] secret) {
    public Key {
      if (id < 0 || id > 255) {
        throw new IllegalArgumentException("click id key id must be 0..255, not " + id);
      }
      if (secret == null || secret.length < MIN_SECRET_BYTES) {
        throw new IllegalArgumentException(
            "click id key " + id + " must have at least " + MIN_SECRET_BYTES + " bytes");
      }
      secret = secret.clone();
    }

    @Override
    public byte[] secret() {
      return secret.clone();
    }

    @Override
    public String toString() {
      return "Key[id=" + id + ", secret=<redacted>]";
    }
  }

  private final List<Key> keys;

  private ClickIdKeys(List<Key> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one click id key is needed");
    }
    this.keys = List.copyOf(keys);
  }

  /** Keys in order: the first signs, all verify. */
  public static ClickIdKeys of(Key current, Key... previous) {
    List<Key> all = new ArrayList<>();
    all.add(current);
    all.addAll(List.of(previous));
    return new ClickIdKeys(all);
  }

  /**
   * Parses {@code id:base64secret[,id:base64secret...]}.
   *
   * @throws IllegalArgumentException with a message that never contains a secret
   */
  public static ClickIdKeys parse(String config) {
    if (config == null || config.isBlank()) {
      throw new IllegalArgumentException("click id secrets are empty");
    }
    List<Key> keys = new ArrayList<>();
    for (String part : config.split(",")) {
      String[] pieces = part.trim().split(":", 2);
      if (pieces.length != 2) {
        throw new IllegalArgumentException("click id secret entries look like id:base64secret");
      }
      int id;
      try {
        id = Integer.parseInt(pieces[0].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("click id key id is not a number");
      }
      byte[] secret;
      try {
        secret = Base64.getDecoder().decode(pieces[1].trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("click id key " + id + " is not valid base64");
      }
      keys.add(new Key(id, secret));
    }
    return new ClickIdKeys(keys);
  }

  /** The key that signs new ids. */
  public Key current() {
    return keys.get(0);
  }

  /** The key with this id, if it is still accepted. */
  public Optional<Key> byId(int id) {
    return keys.stream().filter(key -> key.id() == id).findFirst();
  }
}
