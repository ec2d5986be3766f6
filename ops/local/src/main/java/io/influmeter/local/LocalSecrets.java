package io.influmeter.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Secrets of the local stack only: generated at random on the first start and kept in the data
 * directory (owner-only file), so tokens, click ids and visitor hashes stay valid across restarts.
 * Outside the local stack every secret must come from the environment; none has a default.
 */
final class LocalSecrets {

  static final String FILE = "local-secrets.properties";
  private static final String[] NAMES = {
    "JWT_SECRET",
    "CLICK_ID_SECRETS",
    "INGEST_VISITOR_HASH_SECRET",
    "INGEST_CUSTOMER_HASH_SECRET",
    "STORE_SECRET_KEY",
    "CONTENT_URL_KEY",
    // The demo accounts' password (--demo), printed on the console with the demo sign-in.
    "DEMO_ACCOUNT_SECRET"
  };
  private static final SecureRandom RANDOM = new SecureRandom();

  private LocalSecrets() {}

  /**
   * The secrets, created on first use: 32 random bytes each, base64 (click ids: {@code 1:base64}).
   */
  static Map<String, String> loadOrCreate(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE);
    Properties secrets = new Properties();
    try {
      if (Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          secrets.load(in);
        }
      }
      boolean changed = false;
      for (String name : NAMES) {
        if (!secrets.containsKey(name)) {
          byte[] bytes = new byte[32];
          RANDOM.nextBytes(bytes);
          String value = Base64.getEncoder().encodeToString(bytes);
          // Click id keys carry a key id (rotation): id:base64secret.
          secrets.setProperty(name, name.equals("CLICK_ID_SECRETS") ? "1:" + value : value);
          changed = true;
        }
      }
      if (changed) {
        Files.deleteIfExists(file);
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
          secrets.store(
              out, "Local stack only; generated on first start. Never use these elsewhere.");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
    Map<String, String> values = new TreeMap<>();
    secrets.stringPropertyNames().forEach(name -> values.put(name, secrets.getProperty(name)));
    return Map.copyOf(values);
  }
}
