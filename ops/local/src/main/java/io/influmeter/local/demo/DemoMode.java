package io.influmeter.local.demo;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

/**
 * {@code ./influmeter --demo}: seeds the demo {@link Cast} through the api-server's API (or finds
 * it from an earlier start), waits until ingest redirects every demo link (the links reach ingest
 * through the outbox, CDC and Kafka), then runs the {@link TrafficGenerator}.
 */
public final class DemoMode implements AutoCloseable {

  private static final Duration LINKS_DEADLINE = Duration.ofSeconds(90);

  private final DemoWorld world;
  private final TrafficGenerator traffic;
  private final int apiPort;

  private DemoMode(DemoWorld world, TrafficGenerator traffic, int apiPort) {
    this.world = world;
    this.traffic = traffic;
    this.apiPort = apiPort;
  }

  /** Where the stack answers and who may sign in. */
  public record Endpoints(
      int apiPort, int ingestPort, String adminEmail, String adminPassword, String demoPassword) {
    @Override
    public String toString() {
      return "Endpoints[api=" + apiPort + ", ingest=" + ingestPort + "]";
    }
  }

  /** Seeds (idempotently) and starts the traffic at {@code clicksPerSecond}. */
  public static DemoMode start(Endpoints endpoints, double clicksPerSecond) {
    Clock clock = Clock.systemUTC();
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    ApiClient api = new ApiClient(http, endpoints.apiPort());
    DemoWorld world =
        new DemoSeeder(api, endpoints.adminEmail(), endpoints.adminPassword(), clock)
            .seed(Cast.demo(), endpoints.demoPassword());
    IngestClient ingest = new IngestClient(http, endpoints.ingestPort(), clock);
    awaitRedirects(ingest, world);
    TrafficGenerator traffic =
        new TrafficGenerator(world, ingest, new TrafficMix(new Random()), clock, clicksPerSecond)
            .start();
    return new DemoMode(world, traffic, endpoints.apiPort());
  }

  /**
   * Blocks until ingest redirects each of the world's links (a fresh link takes a second or two).
   */
  public static void awaitRedirects(IngestClient ingest, DemoWorld world) {
    long deadline = System.nanoTime() + LINKS_DEADLINE.toNanos();
    for (DemoWorld.Link link : world.links()) {
      while (!ingest.redirects(link.slug())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "ingest does not redirect /go/" + link.slug() + " after " + LINKS_DEADLINE);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for /go/" + link.slug(), e);
        }
      }
    }
  }

  public DemoWorld world() {
    return world;
  }

  public TrafficGenerator.Counts counts() {
    return traffic.counts();
  }

  /** The console lines: the dashboard, the demo sign-in and the campaign. */
  public String summary() {
    return String.format(
        "  %-16s %s%n  %-16s %s / %s%n  %-16s %s (%d influencers)%n",
        "Dashboard",
        "http://127.0.0.1:" + apiPort + "/dashboard",
        "Demo sign-in",
        world.brandEmail(),
        world.brandPassword(),
        "Demo campaign",
        world.campaignId(),
        world.links().size());
  }

  @Override
  public void close() {
    traffic.close();
  }
}
