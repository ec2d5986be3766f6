package io.influmeter.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Options of the local stack, from the command line first and the environment second. Every bad or
 * unknown option is reported at once, in one message.
 *
 * @param dataDirectory where every service keeps its data ({@code --data-dir}, {@code
 *     INFLUMETER_DATA_DIR}; default {@code .influmeter} under the working directory)
 * @param fresh wipe the data directory before starting ({@code --fresh})
 * @param connectPlugins the Kafka Connect plugin directory holding Debezium's unpacked plugin
 *     bundles ({@code --connect-plugins}, {@code CONNECT_PLUGIN_PATH}; default where the build of
 *     {@code ops/local} unpacks them, relative to the repository root the start command runs in)
 * @param demo seed the demo brand and run demo traffic once the stack is up ({@code --demo}, {@code
 *     INFLUMETER_DEMO=1})
 * @param demoRate demo clicks per second ({@code --demo-rate}, {@code INFLUMETER_DEMO_RATE};
 *     default 2)
 * @param checkpointInterval the attribution job's checkpoint interval ({@code
 *     --checkpoint-interval}, {@code INFLUMETER_CHECKPOINT_INTERVAL}; default {@value
 *     #DEFAULT_CHECKPOINT_INTERVAL}): the attribution job's exactly-once sink publishes at each
 *     checkpoint, so this is how long an order can wait before the dashboard sees it
 */
public record LocalStackOptions(
    Path dataDirectory,
    boolean fresh,
    int kafkaPort,
    int kafkaControllerPort,
    int postgresPort,
    int connectPort,
    int flinkPort,
    int schemaRegistryPort,
    int ingestPort,
    int apiPort,
    Path connectPlugins,
    boolean demo,
    double demoRate,
    String checkpointInterval) {

  /** Where the build unpacks Debezium's plugin bundles, from the repository root. */
  static final String DEFAULT_CONNECT_PLUGINS = "ops/local/target/connect-plugins";

  /**
   * Shorter than a deployment's 10 s: on one machine a checkpoint is cheap, and the attribution
   * job's exactly-once sink makes orders visible only when a checkpoint commits.
   */
  public static final String DEFAULT_CHECKPOINT_INTERVAL = "2s";

  private static final java.util.regex.Pattern DURATION =
      java.util.regex.Pattern.compile("[1-9][0-9]*(ms|s|m)");

  /** One option: its flag, environment variable and default. */
  private enum Option {
    DATA_DIR("--data-dir", "INFLUMETER_DATA_DIR", ".influmeter"),
    KAFKA_PORT("--kafka-port", "KAFKA_PORT", "9092"),
    KAFKA_CONTROLLER_PORT("--kafka-controller-port", "KAFKA_CONTROLLER_PORT", "9093"),
    POSTGRES_PORT("--postgres-port", "POSTGRES_PORT", "5433"),
    CONNECT_PORT("--connect-port", "CONNECT_PORT", "8083"),
    FLINK_PORT("--flink-port", "FLINK_PORT", "8081"),
    SCHEMA_REGISTRY_PORT("--schema-registry-port", "SCHEMA_REGISTRY_PORT", "8085"),
    INGEST_PORT("--ingest-port", "INGEST_PORT", "8080"),
    API_PORT("--api-port", "API_PORT", "8090"),
    CONNECT_PLUGINS("--connect-plugins", "CONNECT_PLUGIN_PATH", DEFAULT_CONNECT_PLUGINS),
    DEMO_RATE("--demo-rate", "INFLUMETER_DEMO_RATE", "2"),
    CHECKPOINT_INTERVAL(
        "--checkpoint-interval", "INFLUMETER_CHECKPOINT_INTERVAL", DEFAULT_CHECKPOINT_INTERVAL);

    final String flag;
    final String environment;
    final String fallback;

    Option(String flag, String environment, String fallback) {
      this.flag = flag;
      this.environment = environment;
      this.fallback = fallback;
    }
  }

  public static final String USAGE =
      "usage: influmeter [--fresh] [--data-dir DIR] [--kafka-port N] [--kafka-controller-port N]"
          + " [--postgres-port N] [--connect-port N] [--flink-port N] [--schema-registry-port N]"
          + " [--ingest-port N] [--api-port N] [--connect-plugins DIR] [--demo]"
          + " [--demo-rate CLICKS_PER_SECOND] [--checkpoint-interval 2s]";

  /**
   * Parses {@code args} ({@code --flag value} or {@code --flag=value}) over {@code environment}.
   *
   * @throws IllegalArgumentException naming every bad option
   */
  public static LocalStackOptions parse(String[] args, Map<String, String> environment) {
    Map<Option, String> values = new java.util.EnumMap<>(Option.class);
    List<String> errors = new ArrayList<>();
    boolean fresh = false;
    boolean demo = isOn(environment.get("INFLUMETER_DEMO"));
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--fresh")) {
        fresh = true;
        continue;
      }
      if (arg.equals("--demo")) {
        demo = true;
        continue;
      }
      String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      Option option = byFlag(flag);
      if (option == null) {
        errors.add("unknown option " + flag);
        continue;
      }
      if (arg.contains("=")) {
        values.put(option, arg.substring(arg.indexOf('=') + 1));
      } else if (i + 1 < args.length) {
        values.put(option, args[++i]);
      } else {
        errors.add(flag + " needs a value");
      }
    }
    for (Option option : Option.values()) {
      values.putIfAbsent(option, environment.getOrDefault(option.environment, option.fallback));
    }
    int kafka = port(values, Option.KAFKA_PORT, errors);
    int controller = port(values, Option.KAFKA_CONTROLLER_PORT, errors);
    int postgres = port(values, Option.POSTGRES_PORT, errors);
    int connect = port(values, Option.CONNECT_PORT, errors);
    int flink = port(values, Option.FLINK_PORT, errors);
    int registry = port(values, Option.SCHEMA_REGISTRY_PORT, errors);
    int ingest = port(values, Option.INGEST_PORT, errors);
    int api = port(values, Option.API_PORT, errors);
    String dataDir = values.get(Option.DATA_DIR);
    if (dataDir.isBlank()) {
      errors.add("--data-dir must not be empty");
    }
    String plugins = values.get(Option.CONNECT_PLUGINS);
    if (plugins.isBlank()) {
      errors.add("--connect-plugins must not be empty");
    }
    double demoRate = demoRate(values.get(Option.DEMO_RATE), errors);
    String checkpoints = values.get(Option.CHECKPOINT_INTERVAL).trim();
    if (!DURATION.matcher(checkpoints).matches()) {
      errors.add(
          "--checkpoint-interval (or INFLUMETER_CHECKPOINT_INTERVAL) must be a duration such as"
              + " 500ms, 2s or 1m, not "
              + checkpoints);
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors));
    }
    return new LocalStackOptions(
        Path.of(dataDir),
        fresh,
        kafka,
        controller,
        postgres,
        connect,
        flink,
        registry,
        ingest,
        api,
        Path.of(plugins),
        demo,
        demoRate,
        checkpoints);
  }

  /**
   * Every port 0 (any free port): tests run a stack beside another. The Connect plugins come from
   * the test kit's system property {@code influmeter.connect.plugin.path} (the module's build sets
   * it), else {@code target/connect-plugins} of the module under test.
   */
  public static LocalStackOptions ephemeral(Path dataDirectory, boolean fresh) {
    return new LocalStackOptions(
        dataDirectory,
        fresh,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        testConnectPlugins(),
        false,
        2,
        DEFAULT_CHECKPOINT_INTERVAL);
  }

  /** The Connect plugin directory a test stack uses (see {@link #ephemeral(Path, boolean)}). */
  public static Path testConnectPlugins() {
    return Path.of(System.getProperty("influmeter.connect.plugin.path", "target/connect-plugins"));
  }

  /** The same options with {@code fresh} replaced (a restart keeps the data). */
  public LocalStackOptions withFresh(boolean wipe) {
    return copy(wipe, demo, demoRate);
  }

  /** The same options with demo mode on at {@code clicksPerSecond}. */
  public LocalStackOptions withDemo(double clicksPerSecond) {
    return copy(fresh, true, clicksPerSecond);
  }

  private LocalStackOptions copy(boolean wipe, boolean demoOn, double clicksPerSecond) {
    return new LocalStackOptions(
        dataDirectory,
        wipe,
        kafkaPort,
        kafkaControllerPort,
        postgresPort,
        connectPort,
        flinkPort,
        schemaRegistryPort,
        ingestPort,
        apiPort,
        connectPlugins,
        demoOn,
        clicksPerSecond,
        checkpointInterval);
  }

  private static Option byFlag(String flag) {
    for (Option option : Option.values()) {
      if (option.flag.equals(flag)) {
        return option;
      }
    }
    return null;
  }

  private static boolean isOn(String value) {
    return value != null
        && List.of("1", "true", "yes", "on").contains(value.trim().toLowerCase(Locale.ROOT));
  }

  private static double demoRate(String raw, List<String> errors) {
    try {
      double rate = Double.parseDouble(raw.trim());
      if (rate > 0 && rate <= 1_000) {
        return rate;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(
        "--demo-rate (or INFLUMETER_DEMO_RATE) must be clicks per second, above 0 and at most 1000, not "
            + raw);
    return 0;
  }

  private static int port(Map<Option, String> values, Option option, List<String> errors) {
    String raw = values.get(option).trim();
    try {
      int port = Integer.parseInt(raw);
      if (port < 0 || port > 65_535) {
        errors.add(option.flag + " must be a port from 0 to 65535, not " + raw);
      }
      return port;
    } catch (NumberFormatException e) {
      errors.add(
          option.flag.toLowerCase(Locale.ROOT)
              + " (or "
              + option.environment
              + ") is not a number: "
              + raw);
      return 0;
    }
  }
}
