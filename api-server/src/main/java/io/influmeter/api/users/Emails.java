package io.influmeter.api.users;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** One normal form per address, so "Ann@Example.com " and "ann@example.com" are one account. */
public final class Emails {
  private static final Pattern SHAPE =
      Pattern.compile(
          "[^@\\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?)+");

  private Emails() {}

  public static String normalise(String email) {
    if (email == null) {
      return null;
    }
    return Normalizer.normalize(email.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  public static boolean plausible(String normalised) {
    return normalised != null && normalised.length() <= 254 && SHAPE.matcher(normalised).matches();
  }
}
