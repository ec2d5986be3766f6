package io.influmeter.embedded.junit;

import io.influmeter.embedded.DataDirectory;
import io.influmeter.embedded.EmbeddedConnect;
import io.influmeter.embedded.EmbeddedFlink;
import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.embedded.EmbeddedService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts each embedded service once per test JVM, on first use, and stops
 * them all when the JVM's tests are done. Inject a service as a test, constructor or
 * {@code @BeforeAll} parameter:
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedServices.class)
 * class ClickProducerTest {
 *   @Test
 *   void producesOneClick(EmbeddedKafka kafka) { ... }
 * }
 * }</pre>
 *
 * Tests share the services, so each isolates itself by name: its own topics and databases from
 * {@link TestNames#unique(String)}.
 */
public final class EmbeddedServices implements ParameterResolver {

  /** System property: comma-separated plugin directories for the shared Connect worker. */
  public static final String CONNECT_PLUGIN_PATH = "influmeter.connect.plugin.path";

  private static final Object LOCK = new Object();
  private static final List<EmbeddedService> STARTED = new ArrayList<>();
  private static DataDirectory directory;
  private static EmbeddedKafka kafka;
  private static EmbeddedPostgresServer postgres;
  private static EmbeddedConnect connect;
  private static EmbeddedFlink flink;

  private static final Map<Class<?>, Supplier<?>> SERVICES =
      Map.of(
          EmbeddedKafka.class, EmbeddedServices::kafka,
          EmbeddedPostgresServer.class, EmbeddedServices::postgres,
          EmbeddedConnect.class, EmbeddedServices::connect,
          EmbeddedFlink.class, EmbeddedServices::flink);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return SERVICES.containsKey(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return SERVICES.get(parameter.getParameter().getType()).get();
  }

  /** The shared broker, started on first call. */
  public static EmbeddedKafka kafka() {
    synchronized (LOCK) {
      if (kafka == null) {
        kafka = track(EmbeddedKafka.start(dir().service("kafka"), 0, 0));
      }
      return kafka;
    }
  }

  /**
   * The shared PostgreSQL server, started on first call (fsync off: tests trade durability for
   * speed).
   */
  public static EmbeddedPostgresServer postgres() {
    synchronized (LOCK) {
      if (postgres == null) {
        postgres = track(EmbeddedPostgresServer.start(dir().service("postgres"), 0, false));
      }
      return postgres;
    }
  }

  /**
   * The shared Connect worker (and the broker it needs), started on first call. A module whose
   * tests need plugin bundles names their directory in the system property {@value
   * #CONNECT_PLUGIN_PATH}.
   */
  public static EmbeddedConnect connect() {
    synchronized (LOCK) {
      if (connect == null) {
        String extra = System.getProperty(CONNECT_PLUGIN_PATH, "");
        List<Path> plugins =
            extra.isBlank()
                ? List.of()
                : java.util.Arrays.stream(extra.split(",")).map(Path::of).toList();
        connect =
            track(
                EmbeddedConnect.start(
                    dir().service("connect"), kafka().bootstrapServers(), 0, plugins));
      }
      return connect;
    }
  }

  /**
   * The shared Flink MiniCluster (4 slots: parallelism-2 tests of two-input jobs fit), started on
   * first call.
   */
  public static EmbeddedFlink flink() {
    synchronized (LOCK) {
      if (flink == null) {
        flink = track(EmbeddedFlink.start(dir().service("flink"), 0, 4));
      }
      return flink;
    }
  }

  private static DataDirectory dir() {
    if (directory == null) {
      Path root =
          Path.of(
              System.getProperty("influmeter.test.root", System.getProperty("java.io.tmpdir")),
              "services-" + ProcessHandle.current().pid());
      directory = DataDirectory.open(root, true);
      Runtime.getRuntime()
          .addShutdownHook(new Thread(EmbeddedServices::stopAll, "embedded-services-stop"));
    }
    return directory;
  }

  private static <T extends EmbeddedService> T track(T service) {
    STARTED.add(service);
    return service;
  }

  /** Stops every started service, newest first (Connect before the broker it uses). */
  private static void stopAll() {
    synchronized (LOCK) {
      for (int i = STARTED.size() - 1; i >= 0; i--) {
        try {
          STARTED.get(i).close();
        } catch (RuntimeException e) {
          System.err.println("stopping " + STARTED.get(i).name() + " failed: " + e);
        }
      }
      STARTED.clear();
      if (directory != null) {
        directory.close();
      }
    }
  }
}
