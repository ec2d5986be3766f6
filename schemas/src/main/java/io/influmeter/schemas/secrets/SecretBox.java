package io.influmeter.schemas.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals short secrets (store signing secrets) for storage in a database column and opens them
 * again: AES-256-GCM with a fresh random 96-bit nonce per seal, written as {@code v1:<base64(nonce
 * | ciphertext | 128-bit tag)>}. The tag makes any change to the stored text, or opening it with
 * another key, fail loudly instead of yielding a wrong secret. The version prefix leaves room for a
 * later key or algorithm change.
 *
 * <p>The api-server seals (it creates and rotates the secrets) and ingest opens (it verifies
 * webhooks); both get the same 32-byte key from {@code STORE_SECRET_KEY}. Thread-safe.
 */
public final class SecretBox {
  public static final int KEY_BYTES = 32;
  private static final String PREFIX = "v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  /**
   * @param key exactly 32 bytes (AES-256); copied
   */
  public SecretBox(byte[] key) {
    if (key == null || key.length != KEY_BYTES) {
      throw new IllegalArgumentException("a SecretBox key must be exactly " + KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /**
   * The key as configured in {@code STORE_SECRET_KEY}: standard base64 of 32 bytes.
   *
   * @throws IllegalArgumentException when it is not base64 or not 32 bytes (the message never
   *     contains the value)
   */
  public static SecretBox fromBase64Key(String base64Key) {
    if (base64Key == null) {
      throw new IllegalArgumentException("the key is missing");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64Key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the key is not base64");
    }
    try {
      return new SecretBox(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Seals a secret; every call gives a different text (fresh nonce). */
  public String seal(String plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length);
      out.put(nonce).put(sealed);
      return PREFIX + Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * Opens a sealed secret.
   *
   * @throws SealedSecretException when the text is not a v1 box, was altered, or was sealed with
   *     another key
   */
  public String open(String sealed) {
    if (sealed == null || !sealed.startsWith(PREFIX)) {
      throw new SealedSecretException("not a sealed secret (expected the v1: prefix)");
    }
    byte[] box;
    try {
      box = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new SealedSecretException("sealed secret is not base64");
    }
    if (box.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SealedSecretException("sealed secret is truncated");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, box, 0, NONCE_BYTES));
      byte[] plain = cipher.doFinal(box, NONCE_BYTES, box.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new SealedSecretException("sealed secret was altered or sealed with another key");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  @Override
  public String toString() {
    return "SecretBox[key=<redacted>]";
  }

  /** A stored secret that cannot be opened; never carries the secret or the key. */
  public static final class SealedSecretException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SealedSecretException(String message) {
      super(message);
    }
  }
}
