package io.influmeter.ingest.redirect;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the redirect target from the link's registered destination only: parameters are appended
 * (encoded) to its query, so nothing from the request can change scheme, host or path — no open
 * redirect. Parameters the destination already has are kept, except that a UTM or {@code im_click}
 * we append replaces one of the same name.
 */
public final class Destinations {

  public static final String CLICK_PARAMETER = "im_click";

  private Destinations() {}

  /**
   * @param destination the link's registered absolute URL
   * @param parameters parameters to append, in order (UTM values, then im_click)
   */
  public static String withParameters(String destination, Map<String, String> parameters) {
    int hash = destination.indexOf('#');
    String fragment = hash < 0 ? "" : destination.substring(hash);
    String beforeFragment = hash < 0 ? destination : destination.substring(0, hash);
    int question = beforeFragment.indexOf('?');
    String base = question < 0 ? beforeFragment : beforeFragment.substring(0, question);
    String query = question < 0 ? "" : beforeFragment.substring(question + 1);

    List<String> pairs = new ArrayList<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String rawName = equals < 0 ? pair : pair.substring(0, equals);
      if (!parameters.containsKey(decodeQuietly(rawName))) {
        pairs.add(pair);
      }
    }
    parameters.forEach((name, value) -> pairs.add(encode(name) + "=" + encode(value)));
    StringBuilder url = new StringBuilder(base.length() + 128).append(base);
    if (!pairs.isEmpty()) {
      url.append('?').append(String.join("&", pairs));
    }
    return url.append(fragment).toString();
  }

  /** True for an incoming parameter that may pass through to the destination (utm_*). */
  public static boolean isUtm(String name) {
    return name.toLowerCase(Locale.ROOT).startsWith("utm_") && name.length() <= 64;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String decodeQuietly(String value) {
    try {
      return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value;
    }
  }
}
