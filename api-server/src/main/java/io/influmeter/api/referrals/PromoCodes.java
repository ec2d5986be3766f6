package io.influmeter.api.referrals;

import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Promo codes in the {@code MURUGI25} style: the letters of the slug's base upper-cased (at most
 * 10, at least 2, else {@code CODE}) and a number. The number is random rather than sequential so a
 * code does not reveal how many influencers a brand has; two digits while free ones remain, then
 * four. Codes are unique per brand (the {@code referral_links_code_unique} constraint decides under
 * concurrency; the caller retries).
 */
final class PromoCodes {
  private static final int MAX_LETTERS = 10;

  private final RandomGenerator random;

  PromoCodes(RandomGenerator random) {
    this.random = random;
  }

  static String letters(String slugBase) {
    String letters = slugBase.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
    if (letters.length() > MAX_LETTERS) {
      letters = letters.substring(0, MAX_LETTERS);
    }
    return letters.length() < 2 ? "CODE" : letters;
  }

  /** A code with these letters that is not in {@code taken} (the brand's codes with them). */
  String next(String letters, Set<String> taken) {
    long twoDigitFree =
        java.util.stream.IntStream.rangeClosed(10, 99)
            .filter(n -> !taken.contains(letters + n))
            .count();
    int low = twoDigitFree > 0 ? 10 : 100;
    int high = twoDigitFree > 0 ? 99 : 9999;
    for (int attempt = 0; attempt < 10_000; attempt++) {
      String code = letters + random.nextInt(low, high + 1);
      if (!taken.contains(code)) {
        return code;
      }
    }
    throw new IllegalStateException("no free promo code for " + letters);
  }
}
