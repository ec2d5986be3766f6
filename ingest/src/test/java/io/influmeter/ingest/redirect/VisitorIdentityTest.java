package io.influmeter.ingest.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class VisitorIdentityTest {

  private static final byte[] SECRET = "visitor-secret".getBytes(StandardCharsets.UTF_8);

  @Test
  void theSameVisitorHashesAlikeWithinADayAndDifferentlyTheNextDay() {
    VisitorIdentity monday = at("2026-11-23T08:00:00Z");
    VisitorIdentity mondayEvening = at("2026-11-23T23:59:00Z");
    VisitorIdentity tuesday = at("2026-11-24T00:01:00Z");

    String hash = monday.visitorHash("41.90.12.34", "UA");

    assertThat(mondayEvening.visitorHash("41.90.12.34", "UA")).isEqualTo(hash);
    assertThat(tuesday.visitorHash("41.90.12.34", "UA")).isNotEqualTo(hash);
    assertThat(hash).doesNotContain("41.90");
  }

  @Test
  void addressesAreAnonymisedBeforeHashing() {
    VisitorIdentity identity = at("2026-11-23T08:00:00Z");
    assertThat(identity.visitorHash("41.90.12.34", "UA"))
        .isEqualTo(identity.visitorHash("41.90.12.99", "UA"));
    assertThat(identity.visitorHash("2001:db8:1:2::1", "UA"))
        .isEqualTo(identity.visitorHash("2001:db8:1:3::9", "UA"));
    assertThat(VisitorIdentity.anonymise("evil.example")).isEmpty();
  }

  @Test
  void cookieValuesAreHashedAndAbsentOnesGiveNull() {
    VisitorIdentity identity = at("2026-11-23T08:00:00Z");
    assertThat(identity.visitorIdHash(null)).isNull();
    assertThat(identity.visitorIdHash("abc")).isNotEqualTo("abc").hasSize(22);
    assertThat(identity.newVisitorCookie()).isNotEqualTo(identity.newVisitorCookie());
  }

  private static VisitorIdentity at(String instant) {
    return new VisitorIdentity(SECRET, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
  }
}
