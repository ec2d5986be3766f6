package io.influmeter.ingest.http;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one fixed key, for keys used on every request (visitor and customer hashes).
 * Keying a {@link Mac} derives the inner and outer pads; {@link Mac#doFinal()} resets to the keyed
 * state, so each thread keys its own instance once instead of once per call.
 */
public final class KeyedHmac {

  private final ThreadLocal<Mac> macs;

  public KeyedHmac(byte[] key) {
    SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
              }
            });
  }

  /** HMAC-SHA256 of the concatenated parts. */
  public byte[] sha256(byte[]... parts) {
    Mac mac = macs.get();
    for (byte[] part : parts) {
      mac.update(part);
    }
    return mac.doFinal();
  }
}
