package io.influmeter.ingest.links;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A link's UTM parameters in a fixed (sorted) order, stored as one flat array. */
public final class UtmParameters {

  private static final UtmParameters NONE = new UtmParameters(new String[0]);

  private final String[] namesAndValues;

  private UtmParameters(String[] namesAndValues) {
    this.namesAndValues = namesAndValues;
  }

  public static UtmParameters of(Map<? extends CharSequence, ? extends CharSequence> utm) {
    if (utm == null || utm.isEmpty()) {
      return NONE;
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    utm.forEach((name, value) -> sorted.put(name.toString(), value.toString()));
    String[] flat = new String[sorted.size() * 2];
    int i = 0;
    for (Map.Entry<String, String> entry : sorted.entrySet()) {
      flat[i++] = entry.getKey();
      flat[i++] = entry.getValue();
    }
    return new UtmParameters(flat);
  }

  /** The parameters in order, as a new mutable map. */
  public Map<String, String> toMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UtmParameters that
        && Arrays.equals(namesAndValues, that.namesAndValues);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(namesAndValues);
  }
}
