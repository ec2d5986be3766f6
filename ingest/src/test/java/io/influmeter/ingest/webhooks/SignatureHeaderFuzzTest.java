package io.influmeter.ingest.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Signature headers are attacker-controlled: parsing and checking them never throws. */
class SignatureHeaderFuzzTest {

  private static final List<byte[]> SECRETS =
      List.of(
          "fuzz-secret-one".getBytes(StandardCharsets.UTF_8),
          "fuzz-secret-two".getBytes(StandardCharsets.UTF_8));

  @FuzzTest(maxDuration = "30s")
  void signatureHeadersNeverThrowAndForgeriesNeverPass(FuzzedDataProvider data) {
    String header = data.consumeString(600);
    long now = data.consumeLong(0, 4_000_000_000L);
    byte[] body = data.consumeRemainingAsBytes();

    SignatureHeader.parse(header);
    boolean timestamped =
        Signatures.timestampedHmacMatches(header, body, SECRETS, Instant.ofEpochSecond(now));
    boolean base64 = Signatures.base64BodyHmacMatches(header, body, SECRETS);

    // A random header is never a valid HMAC of the body (2^-256 by chance).
    assertThat(timestamped).isFalse();
    assertThat(base64).isFalse();
  }

  @FuzzTest(maxDuration = "30s")
  void aGenuineTimestampedSignatureAlwaysVerifies(FuzzedDataProvider data) {
    long timestamp = data.consumeLong(0, 4_000_000_000L);
    int skew = data.consumeInt(-300, 300);
    byte[] body = data.consumeRemainingAsBytes();

    String header = Signatures.timestampedHeader(SECRETS.get(1), timestamp, body);

    assertThat(
            Signatures.timestampedHmacMatches(
                header, body, SECRETS, Instant.ofEpochSecond(timestamp + skew)))
        .isTrue();
  }
}
