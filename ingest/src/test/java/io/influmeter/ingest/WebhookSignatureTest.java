package io.influmeter.ingest;

import static io.influmeter.ingest.WebhookDeliveries.CURRENT;
import static io.influmeter.ingest.WebhookDeliveries.PREVIOUS;
import static io.influmeter.ingest.WebhookDeliveries.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.events.StorePlatform;
import io.influmeter.ingest.stores.InMemoryStoreDirectory;
import io.influmeter.ingest.stores.Store;
import io.influmeter.ingest.webhooks.Signatures;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every signature case of every platform, on the real broker: invalid ones produce nothing. */
@ExtendWith(EmbeddedServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookSignatureTest {

  private static final AtomicLong ORDER_IDS = new AtomicLong(System.currentTimeMillis());

  private final Map<StorePlatform, Store> inGrace = new EnumMap<>(StorePlatform.class);
  private final Map<StorePlatform, Store> rotated = new EnumMap<>(StorePlatform.class);
  private IngestFixture fixture;

  @BeforeAll
  void start(EmbeddedKafka kafka) {
    InMemoryStoreDirectory stores = new InMemoryStoreDirectory();
    for (StorePlatform platform : StorePlatform.values()) {
      inGrace.put(
          platform, WebhookDeliveries.store(platform, Instant.now().plus(Duration.ofDays(1))));
      rotated.put(
          platform, WebhookDeliveries.store(platform, Instant.now().minus(Duration.ofDays(1))));
      stores.put(inGrace.get(platform)).put(rotated.get(platform));
    }
    fixture = IngestFixture.start(kafka, stores, List.of(), TestDirectories.fresh("sig-spool-"));
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  @ParameterizedTest
  @EnumSource(StorePlatform.class)
  void aCorrectlySignedOrderIsAcceptedOnceDurable(StorePlatform platform) {
    byte[] body = body(platform);
    assertAccepted(
        platform,
        inGrace.get(platform),
        body,
        WebhookDeliveries.signed(platform, body, CURRENT, Instant.now()));
  }

  @ParameterizedTest
  @EnumSource(StorePlatform.class)
  void thePreviousSecretWorksDuringItsGracePeriod(StorePlatform platform) {
    byte[] body = body(platform);
    assertAccepted(
        platform,
        inGrace.get(platform),
        body,
        WebhookDeliveries.signed(platform, body, PREVIOUS, Instant.now()));
  }

  @ParameterizedTest
  @EnumSource(StorePlatform.class)
  void thePreviousSecretIsRefusedOnceExpired(StorePlatform platform) {
    byte[] body = body(platform);
    assertRefused(
        rotated.get(platform),
        body,
        WebhookDeliveries.signed(platform, body, PREVIOUS, Instant.now()));
  }

  @ParameterizedTest
  @EnumSource(StorePlatform.class)
  void aWrongSecretIsRefused(StorePlatform platform) {
    byte[] body = body(platform);
    assertRefused(
        inGrace.get(platform),
        body,
        WebhookDeliveries.signed(
            platform, body, "some-other-secret-entirely-000000", Instant.now()));
  }

  @ParameterizedTest
  @EnumSource(StorePlatform.class)
  void aMissingSignatureIsRefused(StorePlatform platform) {
    byte[] body = body(platform);
    Map<String, String> headers =
        new HashMap<>(WebhookDeliveries.signed(platform, body, CURRENT, Instant.now()));
    headers.remove(WebhookDeliveries.signatureHeader(platform));
    assertRefused(inGrace.get(platform), body, headers);
  }

  @ParameterizedTest
  @EnumSource(StorePlatform.class)
  void oneChangedByteInTheBodyIsRefused(StorePlatform platform) {
    byte[] body = body(platform);
    Map<String, String> headers = WebhookDeliveries.signed(platform, body, CURRENT, Instant.now());
    byte[] tampered = body.clone();
    int digit = new String(body, StandardCharsets.UTF_8).indexOf("\"total_price\": \"1") + 16;
    tampered[digit > 16 ? digit : body.length / 2] ^= 0x01;
    assertRefused(inGrace.get(platform), tampered, headers);
  }

  @ParameterizedTest
  @EnumSource(StorePlatform.class)
  void aSignatureOfAnotherBodyIsRefused(StorePlatform platform) {
    byte[] body = body(platform);
    Map<String, String> headers =
        WebhookDeliveries.signed(platform, body(platform), CURRENT, Instant.now());
    assertRefused(inGrace.get(platform), body, headers);
  }

  @ParameterizedTest
  @EnumSource(
      value = StorePlatform.class,
      names = {"STRIPE", "GENERIC"})
  void staleAndFutureTimestampsAreRefused(StorePlatform platform) {
    byte[] body = body(platform);
    Instant now = Instant.now();
    assertRefused(
        inGrace.get(platform),
        body,
        WebhookDeliveries.signed(platform, body, CURRENT, now.minusSeconds(330)));
    assertRefused(
        inGrace.get(platform),
        body,
        WebhookDeliveries.signed(platform, body, CURRENT, now.plusSeconds(330)));
  }

  @ParameterizedTest
  @EnumSource(
      value = StorePlatform.class,
      names = {"STRIPE", "GENERIC"})
  void oneValidSignatureAmongSeveralDuringRotationIsAccepted(StorePlatform platform) {
    byte[] body = body(platform);
    long t = Instant.now().getEpochSecond();
    String wrong = Signatures.timestampedHeader(utf8("not-the-secret-at-all-000000000"), t, body);
    String right = Signatures.timestampedHeader(utf8(CURRENT), t, body);
    String header = wrong + "," + right.substring(right.indexOf("v1=")) + ",v0=abc";
    Map<String, String> headers =
        new HashMap<>(WebhookDeliveries.signed(platform, body, CURRENT, Instant.now()));
    headers.put(WebhookDeliveries.signatureHeader(platform), header);
    assertAccepted(platform, inGrace.get(platform), body, headers);
  }

  private void assertAccepted(
      StorePlatform platform, Store store, byte[] body, Map<String, String> headers) {
    long before = fixture.endOffsets(fixture.config.conversionsTopic());
    HttpResponse<String> response = fixture.post(WebhookDeliveries.path(store), body, headers);
    assertThat(response.statusCode()).as(platform + " " + response.body()).isEqualTo(200);
    fixture.assertEndOffsetsSettleAt(fixture.config.conversionsTopic(), before + 1);
  }

  private void assertRefused(Store store, byte[] body, Map<String, String> headers) {
    long before = fixture.endOffsets(fixture.config.conversionsTopic());
    long deadLetters = fixture.endOffsets(fixture.config.conversionsDeadLetterTopic());
    HttpResponse<String> response = fixture.post(WebhookDeliveries.path(store), body, headers);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(fixture.endOffsets(fixture.config.conversionsTopic())).isEqualTo(before);
    assertThat(fixture.endOffsets(fixture.config.conversionsDeadLetterTopic()))
        .isEqualTo(deadLetters);
  }

  private static byte[] body(StorePlatform platform) {
    return utf8(WebhookDeliveries.orderBody(platform, Long.toString(ORDER_IDS.incrementAndGet())));
  }
}
