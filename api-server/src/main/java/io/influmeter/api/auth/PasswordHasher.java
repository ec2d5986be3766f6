package io.influmeter.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id with the OWASP Password Storage Cheat Sheet's first configuration (m=19 MiB, t=2, p=1),
 * stored in the PHC string format so parameters can be raised later and old hashes still verify.
 */
public final class PasswordHasher {
  private static final int MEMORY_KIB = 19 * 1024;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final SecureRandom random = new SecureRandom();
  // Verified against when the email is unknown, so both paths cost the same time.
  private final String decoy = hash("decoy password that never matches " + random.nextLong());

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    return "$argon2id$v=19$m="
        + MEMORY_KIB
        + ",t="
        + ITERATIONS
        + ",p="
        + PARALLELISM
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  /** True when {@code password} matches {@code encoded}; false for any malformed hash. */
  public boolean verify(String password, String encoded) {
    if (encoded == null) {
      verify(password, decoy);
      return false;
    }
    String[] parts = encoded.split("\\$");
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    try {
      int memory = 0;
      int iterations = 0;
      int parallelism = 0;
      for (String parameter : parts[3].split(",")) {
        String[] pair = parameter.split("=");
        int value = Integer.parseInt(pair[1]);
        switch (pair[0]) {
          case "m" -> memory = value;
          case "t" -> iterations = value;
          case "p" -> parallelism = value;
          default -> {
            return false;
          }
        }
      }
      byte[] salt = B64D.decode(parts[4]);
      byte[] expected = B64D.decode(parts[5]);
      byte[] actual = derive(password, salt, memory, iterations, parallelism, expected.length);
      return MessageDigest.isEqual(expected, actual);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Spends the time of one verification; used when there is no account to check against. */
  public void burnVerification(String password) {
    verify(password, decoy);
  }

  private static byte[] derive(
      String password, byte[] salt, int memory, int iterations, int parallelism, int length) {
    var parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memory)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build();
    var generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
