package io.influmeter.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connector config from the files under {@code connectors/} (on the class path as {@code
 * connectors/<file>.json}), in the shape Connect's REST API takes: {@code {"name": ..., "config":
 * {...}}}. Addresses and secrets in the files are {@code ${env:NAME}} references, which a Connect
 * cluster's workers resolve with the {@code EnvVarConfigProvider}; {@link #resolve(Map)} resolves
 * them in-process for the local stack and the tests.
 */
public record ConnectorConfig(String name, Map<String, String> config) {

  private static final Pattern ENV_REFERENCE =
      Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
  private static final ObjectMapper JSON = new ObjectMapper();

  public ConnectorConfig {
    config = Map.copyOf(config);
  }

  /** Loads {@code connectors/<file>} from the class path. */
  public static ConnectorConfig load(String file) {
    String resource = "connectors/" + file;
    try (InputStream in = ConnectorConfig.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no connector config " + resource + " on the class path");
      }
      JsonNode root = JSON.readTree(in);
      Map<String, String> config = new LinkedHashMap<>();
      root.path("config")
          .fields()
          .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
      return new ConnectorConfig(root.path("name").asText(), config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read connector config " + resource, e);
    }
  }

  /**
   * Replaces every {@code ${env:NAME}} with {@code variables.get(NAME)}.
   *
   * @throws IllegalArgumentException naming every variable that has no value
   */
  public ConnectorConfig resolve(Map<String, String> variables) {
    Set<String> missing = new TreeSet<>();
    Map<String, String> resolved = new LinkedHashMap<>();
    config.forEach(
        (key, value) -> {
          Matcher matcher = ENV_REFERENCE.matcher(value);
          StringBuilder out = new StringBuilder();
          while (matcher.find()) {
            String replacement = variables.get(matcher.group(1));
            if (replacement == null) {
              missing.add(matcher.group(1));
              replacement = "";
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
          }
          matcher.appendTail(out);
          resolved.put(key, out.toString());
        });
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "connector " + name + " needs values for " + String.join(", ", missing));
    }
    return new ConnectorConfig(name, resolved);
  }

  /** A copy with some keys replaced or added (tests point a connector at their own topic). */
  public ConnectorConfig with(Map<String, String> overrides) {
    Map<String, String> merged = new LinkedHashMap<>(config);
    merged.putAll(overrides);
    return new ConnectorConfig(name, merged);
  }
}
