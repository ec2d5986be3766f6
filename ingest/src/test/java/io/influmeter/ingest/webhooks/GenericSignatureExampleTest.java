package io.influmeter.ingest.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example in the README is a real, verifiable delivery of the generic scheme. */
class GenericSignatureExampleTest {

  private static final byte[] SECRET =
      "example-store-signing-secret-0000000000".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BODY =
      ("{\"type\":\"order\",\"order_id\":\"A-1001\",\"amount\":\"49.90\",\"currency\":\"EUR\","
              + "\"discount_codes\":[\"MURUGI25\"],\"customer_email\":\"amina@example.com\","
              + "\"occurred_at\":\"2026-11-25T12:00:00Z\"}")
          .getBytes(StandardCharsets.UTF_8);
  private static final String HEADER =
      "t=1795600000,v1=4365082e562507dc661948cf9e42a7ea4111a4b03693ce38d3bf250fb9826c0c";

  @Test
  void theDocumentedExampleVerifiesWithinItsWindowOnly() {
    assertThat(Signatures.timestampedHeader(SECRET, 1795600000L, BODY)).isEqualTo(HEADER);
    assertThat(
            Signatures.timestampedHmacMatches(
                HEADER, BODY, List.of(SECRET), Instant.ofEpochSecond(1795600100L)))
        .isTrue();
    assertThat(
            Signatures.timestampedHmacMatches(
                HEADER, BODY, List.of(SECRET), Instant.ofEpochSecond(1795600400L)))
        .isFalse();
  }
}
