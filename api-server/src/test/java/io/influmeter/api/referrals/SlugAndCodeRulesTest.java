package io.influmeter.api.referrals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SlugAndCodeRulesTest {

  @Test
  void a_slug_base_is_the_handle_or_display_name_folded_to_lower_case_a_to_z_digits_and_hyphens() {
    assertThat(SlugRules.base("murugi", "Ignored")).isEqualTo("murugi");
    assertThat(SlugRules.base("murugi.style_ke", null)).isEqualTo("murugi-style-ke");
    assertThat(SlugRules.base(null, "  Wanjirũ Kamau! ")).isEqualTo("wanjiru-kamau");
    assertThat(SlugRules.base("", "Zoë")).isEqualTo("zoe");
    assertThat(SlugRules.base(null, "Jo")).isEqualTo("creator-jo");
    assertThat(SlugRules.base(null, "😀")).isEqualTo("creator");
    assertThat(SlugRules.base(null, "a".repeat(100))).hasSize(40);
  }

  @Test
  void reserved_words_and_bad_shapes_are_refused() {
    for (String reserved :
        List.of(
            "go",
            "api",
            "admin",
            "www",
            "login",
            "static",
            "assets",
            "health",
            "metrics",
            "docs",
            "webhooks")) {
      assertThat(SlugRules.allowed(reserved)).as(reserved).isFalse();
    }
    assertThat(SlugRules.allowed("murugi")).isTrue();
    assertThat(SlugRules.allowed("Murugi")).isFalse();
    assertThat(SlugRules.allowed("ab")).isFalse();
    assertThat(SlugRules.allowed("-murugi")).isFalse();
    assertThat(SlugRules.allowed("murugi--2")).isFalse();
    assertThat(SlugRules.allowed("a".repeat(49))).isFalse();
  }

  @Test
  void the_first_free_slug_skips_taken_and_reserved_ones() {
    assertThat(SlugRules.firstFree("murugi", Set.of())).isEqualTo("murugi");
    assertThat(SlugRules.firstFree("murugi", Set.of("murugi", "murugi-2"))).isEqualTo("murugi-3");
    assertThat(SlugRules.firstFree("murugi", Set.of("murugi-2"))).isEqualTo("murugi");
    assertThat(SlugRules.firstFree("docs", Set.of())).isEqualTo("docs-2");
  }

  @Test
  void promo_code_letters_come_from_the_slug_base() {
    assertThat(PromoCodes.letters("murugi")).isEqualTo("MURUGI");
    assertThat(PromoCodes.letters("murugi-style-ke")).isEqualTo("MURUGISTYL");
    assertThat(PromoCodes.letters("creator-7")).isEqualTo("CREATOR");
    assertThat(PromoCodes.letters("x-99")).isEqualTo("CODE");
  }

  @Test
  void a_taken_code_is_skipped_by_drawing_again() {
    var codes = new PromoCodes(sequence(25, 25, 31));

    assertThat(codes.next("MURUGI", Set.of("MURUGI25"))).isEqualTo("MURUGI31");
  }

  @Test
  void four_digit_numbers_are_used_once_every_two_digit_code_is_taken() {
    Set<String> allTwoDigit =
        java.util.stream.IntStream.rangeClosed(10, 99)
            .mapToObj(n -> "MURUGI" + n)
            .collect(java.util.stream.Collectors.toSet());

    String code =
        new PromoCodes(RandomGenerator.of("L64X128MixRandom")).next("MURUGI", allTwoDigit);

    assertThat(code).matches("MURUGI[0-9]{3,4}");
  }

  /** Returns the given numbers in order, within the requested bounds (as a real generator must). */
  private static RandomGenerator sequence(int... values) {
    Deque<Integer> queue = new ArrayDeque<>();
    for (int v : values) {
      queue.add(v);
    }
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int nextInt(int origin, int bound) {
        int next = queue.remove();
        assertThat(next).isBetween(origin, bound - 1);
        return next;
      }
    };
  }
}
