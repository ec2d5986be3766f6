package io.influmeter.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClickIdTest {

  private static final ClickIdKeys KEYS = ClickIdKeys.of(key(1, 7));
  private static final UUID LINK = UUID.fromString("7d0f5a3e-2a8b-4a51-9e1c-2f5b6f1e9a01");
  private static final Instant TIME = Instant.parse("2026-11-25T10:15:30.123Z");

  private static ClickIdKeys.Key key(int id, int seed) {
    byte[] secret = new byte[32];
    new Random(seed).nextBytes(secret);
    return new ClickIdKeys.Key(id, secret);
  }

  @Test
  void aValidIdVerifiesToItsLinkAndClickTime() {
    String id = ClickId.issue(TIME, LINK, KEYS);
    assertThat(ClickId.verify(id, KEYS)).contains(new ClickId.Verified(TIME, LINK));
    assertThat(id).matches("[0-9a-hjkmnp-tv-z]+");
  }

  @Test
  void anIdCarriesWhetherTheClickMayEarnAndTheVisitorsTag() {
    long tag = ClickId.visitorTag("k3J9x_visitor-hash");
    String id = ClickId.issue(TIME, LINK, true, tag, KEYS);
    assertThat(ClickId.verify(id, KEYS)).contains(new ClickId.Verified(TIME, LINK, true, tag));
    assertThat(id).hasSize(82);
    String human = ClickId.issue(TIME, LINK, false, ClickId.NO_VISITOR, KEYS);
    assertThat(ClickId.verify(human, KEYS))
        .contains(new ClickId.Verified(TIME, LINK, false, ClickId.NO_VISITOR));
  }

  @Test
  void versionOneIdsIssuedBeforeTheFlagsStillVerifyAsMayEarnWithoutAVisitor() {
    String old = ClickId.issueVersion1(TIME, LINK, KEYS);
    assertThat(old).hasSize(68);
    assertThat(ClickId.verify(old, KEYS))
        .contains(new ClickId.Verified(TIME, LINK, false, ClickId.NO_VISITOR));
    assertEveryChangedCharacterFails(old);
  }

  @Test
  void visitorTagsAreStableDistinctAndNeverTheNoVisitorValue() {
    assertThat(ClickId.visitorTag(null)).isEqualTo(ClickId.NO_VISITOR);
    assertThat(ClickId.visitorTag("  ")).isEqualTo(ClickId.NO_VISITOR);
    // Fixed across JVMs and releases: journeys in state are keyed by it.
    assertThat(ClickId.visitorTag("visitor-1")).isEqualTo(ClickId.visitorTag("visitor-1"));
    Set<Long> tags = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      long tag = ClickId.visitorTag("v" + i);
      assertThat(tag).isNotEqualTo(ClickId.NO_VISITOR);
      tags.add(tag);
    }
    assertThat(tags).hasSize(100_000);
  }

  @Test
  void twoClicksOfTheSameLinkInTheSameMillisecondGetDifferentIds() {
    assertThat(ClickId.issue(TIME, LINK, KEYS)).isNotEqualTo(ClickId.issue(TIME, LINK, KEYS));
  }

  @Test
  void threadsIssuingTheSameLinkInTheSameMillisecondGetDistinctVerifiableIds() throws Exception {
    // Each thread has its own random generator and keyed Mac: no two may share a sequence.
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> batches = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        batches.add(
            threads.submit(
                () -> {
                  List<String> ids = new ArrayList<>();
                  for (int i = 0; i < 2_000; i++) {
                    ids.add(ClickId.issue(TIME, LINK, KEYS));
                  }
                  return ids;
                }));
      }
      Set<String> all = new HashSet<>();
      for (Future<List<String>> batch : batches) {
        all.addAll(batch.get(30, TimeUnit.SECONDS));
      }
      assertThat(all).hasSize(8_000);
      assertThat(all).allSatisfy(id -> assertThat(ClickId.verify(id, KEYS)).isPresent());
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void idsSortByClickTimeAsStrings() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ids.add(ClickId.issue(TIME.plusMillis(i * 997L), LINK, KEYS));
    }
    assertThat(ids).isSorted();
  }

  @Test
  void changingAnyCharacterMakesTheIdInvalid() {
    assertEveryChangedCharacterFails(ClickId.issue(TIME, LINK, true, 42, KEYS));
  }

  private static void assertEveryChangedCharacterFails(String id) {
    for (int i = 0; i < id.length(); i++) {
      char replacement = id.charAt(i) == 'a' ? 'b' : 'a';
      String forged = id.substring(0, i) + replacement + id.substring(i + 1);
      assertThat(ClickId.verify(forged, KEYS)).as("changed at %d", i).isEmpty();
    }
  }

  @Test
  void anIdSignedWithAnotherSecretIsRejected() {
    String id = ClickId.issue(TIME, LINK, ClickIdKeys.of(key(1, 99)));
    assertThat(ClickId.verify(id, KEYS)).isEmpty();
  }

  @Test
  void anIdSignedWithThePreviousKeyStillVerifiesAfterRotation() {
    ClickIdKeys old = ClickIdKeys.of(key(1, 7));
    ClickIdKeys rotated = ClickIdKeys.of(key(2, 8), key(1, 7));
    String id = ClickId.issue(TIME, LINK, old);
    assertThat(ClickId.verify(id, rotated)).isPresent();
    assertThat(ClickId.verify(ClickId.issue(TIME, LINK, rotated), old)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abc",
        "not-a-click-id",
        "ÄÖÜ",
        "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"
      })
  void garbageIsRejectedWithoutAnException(String garbage) {
    assertThat(ClickId.verify(garbage, KEYS)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {68, 82})
  void randomStringsOfTheRightLengthNeverVerify(int length) {
    Random random = new Random(42);
    String alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    for (int n = 0; n < 5_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < length; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertThat(ClickId.verify(text.toString(), KEYS)).isEmpty();
    }
  }

  @Test
  void keysParseFromConfigurationAndErrorsNeverShowTheSecret() {
    String secret = Base64.getEncoder().encodeToString(new byte[32]);
    ClickIdKeys parsed = ClickIdKeys.parse("3:" + secret + ", 2:" + secret);
    assertThat(parsed.current().id()).isEqualTo(3);
    assertThat(parsed.byId(2)).isPresent();
    String shortSecret = Base64.getEncoder().encodeToString(new byte[8]);
    assertThatThrownBy(() -> ClickIdKeys.parse("1:" + shortSecret))
        .hasMessageContaining("at least 32 bytes")
        .hasMessageNotContaining(shortSecret);
    assertThat(parsed.current().toString()).doesNotContain(secret);
  }
}
