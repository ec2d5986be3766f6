package io.influmeter.api.insights;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A prompt as sent: the system instructions and the user message (facts plus the quoted data
 * block). {@link #sha256()} identifies it in {@code ai_insights.prompt_sha256}, so a stored report
 * can be tied to exactly what the model saw without storing the text twice.
 */
public record Prompt(String system, String user) {

  public String sha256() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((system + "\n\n" + user).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
