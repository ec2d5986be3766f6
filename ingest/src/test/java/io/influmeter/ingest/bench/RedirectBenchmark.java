package io.influmeter.ingest.bench;

import io.influmeter.events.AttributionModel;
import io.influmeter.events.CommissionType;
import io.influmeter.events.LinkStatus;
import io.influmeter.events.ReferralLink;
import io.influmeter.ingest.IngestConfig;
import io.influmeter.ingest.TestSecrets;
import io.influmeter.ingest.links.Link;
import io.influmeter.ingest.links.LinkTable;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.Serdes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Redirect throughput and latency on loopback: the real ingest (durable 302) against a bare server
 * on the same HTTP stack answering a fixed 302 (no lookup, no Kafka), measured in the same run at
 * 32, 64 and 128 connections with wrk; then latency at a constant 10,000 requests/s ({@link
 * HttpLoad}, open loop); then heap per link in the redirect table. Broker, ingest and the bare
 * server each run in a JVM of their own, as deployed (see {@link BenchStack}). Requests carry a
 * mobile in-app browser's User-Agent and no cookie, so every click does the full work: user-agent
 * parsing, visitor hashes, a new visitor cookie. Not a test; run:
 *
 * <pre>
 * mvn -q -B -pl ingest test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.influmeter.ingest.bench.RedirectBenchmark
 * </pre>
 *
 * Needs {@code wrk} on the PATH (exits with a message otherwise); targets 127.0.0.1 only. {@code
 * -Dexec.args=cpu} and {@code -Dexec.args=memory} run only those parts.
 */
public final class RedirectBenchmark {

  private static final int[] CONNECTIONS = {32, 64, 128};
  private static final String DURATION = System.getProperty("bench.duration", "10s");
  private static final String WARM_UP = System.getProperty("bench.warmup", "15s");
  private static final int CONSTANT_RATE = Integer.getInteger("bench.rate", 10_000);
  private static final Duration CONSTANT_DURATION = Duration.ofSeconds(20);
  private static final String SLUG = "bench-slug";
  private static final String USER_AGENT =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Mobile/15E148 Instagram 321.0.2.27.113";
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern P99 = Pattern.compile("99%\\s+([0-9.]+)(us|ms|s)");
  private static final Pattern NON_2XX_3XX = Pattern.compile("Non-2xx or 3xx responses: ([0-9]+)");

  private RedirectBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("cpu")) {
      System.out.printf("request-path CPU per click: %.1f us%n", cpuMicrosPerClick(200_000));
      return;
    }
    if (args.length > 0 && args[0].equals("memory")) {
      System.out.printf(
          "heap per link (1M links, 1,000 campaigns): %.0f bytes%n", bytesPerLink(1_000_000));
      return;
    }
    if (!wrkInstalled()) {
      System.err.println("wrk is not installed (apt-get install -y wrk); nothing was measured");
      System.exit(1);
    }
    Path root = BenchStack.newRoot("bench-redirect-");
    List<String> rows = new ArrayList<>();
    List<String> cpuRows = new ArrayList<>();
    String constantLine;
    String countsLine;
    String loadBefore = BenchStack.loadAverage();
    try (BenchStack stack =
            BenchStack.start(root, bootstrap -> publish(bootstrap, link(SLUG, randomId())));
        BenchProcess bareProcess =
            BenchProcess.start(
                "bare",
                BenchStack.SERVICE_JVM,
                Map.of(),
                root.resolve("bare.log"),
                BareRedirectMain.class,
                Integer.toString(BenchStack.MAX_THREADS))) {
      int bare = Integer.parseInt(bareProcess.awaitReady(Duration.ofSeconds(60)));
      // Ingest has far more code to compile than the bare server; on 2 busy cores C2 needs
      // a while (a JFR recording showed the compiler threads as ingest's top CPU user after 5 s).
      BenchStack.progress("warming up both servers (JIT), %s each", WARM_UP);
      wrk(bare, 64, WARM_UP);
      wrk(stack.ingestPort, 64, WARM_UP);
      long clicksBefore = stack.endOffsets(Topics.CLICKS.name());
      long answered = 0;
      for (int connections : CONNECTIONS) {
        BenchStack.progress(
            "%d connections, %s each: bare 302, then durable", connections, DURATION);
        long bareCpu = bareProcess.cpuMicros();
        Result baseline = wrk(bare, connections, DURATION);
        bareCpu = bareProcess.cpuMicros() - bareCpu;
        long spooledBefore = stack.spooledRecords();
        long[] cpu = stack.cpuMicros();
        Result durable = wrk(stack.ingestPort, connections, DURATION);
        long[] cpuAfter = stack.cpuMicros();
        long spooled = stack.spooledRecords() - spooledBefore;
        cpuRows.add(
            String.format(
                "| %d | %.0f | %.0f | %.0f |",
                connections,
                bareCpu / (double) baseline.requests,
                (cpuAfter[0] - cpu[0]) / (double) durable.requests,
                (cpuAfter[1] - cpu[1]) / (double) durable.requests));
        answered += durable.requests - durable.errors;
        rows.add(
            String.format(
                "| %d | %,.0f | %.1f | %,.0f | %.1f | %.2f | %,d |",
                connections,
                baseline.rate,
                baseline.p99Ms,
                durable.rate,
                durable.p99Ms,
                durable.rate / baseline.rate,
                spooled));
      }
      BenchStack.progress(
          "constant rate: %,d durable redirects/s for %ds (open loop)",
          CONSTANT_RATE, CONSTANT_DURATION.toSeconds());
      byte[] request = HttpLoad.get("/go/" + SLUG, "User-Agent: " + USER_AGENT);
      long spooledBefore = stack.spooledRecords();
      HttpLoad.Result constant =
          HttpLoad.constantRate(
              stack.ingestPort, 64, CONSTANT_RATE, CONSTANT_DURATION, i -> request);
      answered += constant.status(302);
      constantLine =
          String.format(
              "constant rate %,d/s for %ds: achieved %,.0f/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f"
                  + " ms, p99.9 %.1f ms, max %.1f ms; %,d x 302, %,d other, %,d errors, %,d not"
                  + " sent (server too slow); %,d via the spool",
              CONSTANT_RATE,
              CONSTANT_DURATION.toSeconds(),
              constant.rate(),
              constant.percentileMs(50),
              constant.percentileMs(90),
              constant.percentileMs(99),
              constant.percentileMs(99.9),
              constant.percentileMs(100),
              constant.status(302),
              constant.requests() - constant.status(302),
              constant.errors(),
              constant.unsent(),
              stack.spooledRecords() - spooledBefore);
      Thread.sleep(2_000);
      long clicks = stack.endOffsets(Topics.CLICKS.name()) - clicksBefore;
      countsLine =
          String.format(
              "durable 302s answered: %,d; click records in Kafka: %,d (extra records: requests"
                  + " in flight when wrk stopped counting)",
              answered, clicks);
    }
    System.out.println();
    System.out.printf(
        "Durable redirects (load average %s at start, %s at end; %s)%n%n",
        loadBefore, BenchStack.loadAverage(), BenchStack.SERVICE_JVM);
    System.out.println(
        "| connections | bare 302 req/s | bare p99 ms | durable 302 req/s | durable p99 ms | ratio"
            + " | spool path |");
    System.out.println("|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
    System.out.println();
    System.out.println(
        "CPU per request (process CPU time / requests; independent of how busy the machine is):");
    System.out.println();
    System.out.println(
        "| connections | bare server us/302 | ingest us/redirect | broker us/redirect |");
    System.out.println("|---|---|---|---|");
    cpuRows.forEach(System.out::println);
    System.out.println();
    System.out.println(constantLine);
    System.out.println(countsLine);
    System.out.printf(
        "heap per link (1M links, 1,000 campaigns): %.0f bytes%n", bytesPerLink(1_000_000));
  }

  private static boolean wrkInstalled() {
    try {
      Process process = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      process.waitFor();
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String randomId() {
    return UUID.randomUUID().toString();
  }

  private record Result(double rate, double p99Ms, long requests, long errors) {}

  private static Result wrk(int port, int connections, String duration)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                "wrk",
                "-t2",
                "-c" + connections,
                "-d" + duration,
                "--latency",
                "-H",
                "User-Agent: " + USER_AGENT,
                "http://127.0.0.1:" + port + "/go/" + SLUG)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    Matcher rate = RATE.matcher(output);
    Matcher p99 = P99.matcher(output);
    Matcher total = Pattern.compile("([0-9]+) requests in").matcher(output);
    if (!rate.find() || !p99.find() || !total.find()) {
      throw new IllegalStateException("unexpected wrk output:\n" + output);
    }
    Matcher failed = NON_2XX_3XX.matcher(output);
    double latency = Double.parseDouble(p99.group(1));
    double ms =
        switch (p99.group(2)) {
          case "us" -> latency / 1000;
          case "s" -> latency * 1000;
          default -> latency;
        };
    return new Result(
        Double.parseDouble(rate.group(1)),
        ms,
        Long.parseLong(total.group(1)),
        failed.find() ? Long.parseLong(failed.group(1)) : 0);
  }

  /**
   * Thread CPU time (not wall time, so other processes do not skew it) of the work a click does on
   * the request thread before the send: click id, visitor hashes, user agent, URL, Avro encoding.
   */
  static double cpuMicrosPerClick(int clicks) {
    IngestConfig config = TestSecrets.builder().build();
    var keys = config.clickIdKeys();
    var visitors =
        new io.influmeter.ingest.redirect.VisitorIdentity(
            config.visitorHashSecret().getBytes(StandardCharsets.UTF_8),
            java.time.Clock.systemUTC());
    var serde = Serdes.forTopic(Topics.CLICKS, new BuiltInSchemaRegistry());
    ReferralLink record = link("bench-slug", UUID.randomUUID().toString());
    Link link = Link.of(record);
    String agent =
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Instagram 321.0";
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long sink = 0;
    long start = 0;
    for (int round = 0; round < 2; round++) {
      start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < clicks; i++) {
        Instant now = Instant.now();
        String clickId = io.influmeter.schemas.ClickId.issue(now, link.linkId(), keys);
        Map<String, String> parameters = link.utm().toMap();
        Map<String, String> utm = Map.copyOf(parameters);
        parameters.put("im_click", clickId);
        String target =
            io.influmeter.ingest.redirect.Destinations.withParameters(
                link.destinationUrl(), parameters);
        var parsed = io.influmeter.ingest.redirect.UserAgents.parse(agent);
        var click =
            io.influmeter.events.ClickEvent.newBuilder()
                .setClickId(clickId)
                .setSlug("bench-slug")
                .setLinkId(link.linkId().toString())
                .setCampaignId(link.campaignId())
                .setInfluencerId(link.influencerId())
                .setBrandId(link.brandId())
                .setEventTime(now)
                .setVisitorId(visitors.visitorIdHash("cookie-value"))
                .setVisitorHash(visitors.visitorHash("41.90.12.34", agent))
                .setUserAgent(agent)
                .setDevice(parsed.device())
                .setOs(parsed.os())
                .setBrowser(parsed.browser())
                .setReferrer("https://instagram.com/")
                .setCountry("KE")
                .setIsBot(io.influmeter.ingest.redirect.UserAgents.botReason(agent, false) != null)
                .setUtm(utm)
                .setDestinationUrl(target)
                .build();
        sink += serde.encode(Topics.CLICKS.name(), click).length;
      }
    }
    long cpu = threads.getCurrentThreadCpuTime() - start;
    if (sink == 0) {
      throw new IllegalStateException();
    }
    return cpu / 1000.0 / clicks;
  }

  static double bytesPerLink(int count) {
    List<ReferralLink> campaigns = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      campaigns.add(link("c" + i, UUID.randomUUID().toString()));
    }
    long before = usedHeap();
    LinkTable table = new LinkTable();
    for (int i = 0; i < count; i++) {
      ReferralLink template = campaigns.get(i % campaigns.size());
      template.setLinkId(UUID.randomUUID().toString());
      template.setInfluencerId(UUID.randomUUID().toString());
      template.setSlug("influencer-" + i + "-" + (i % 1000));
      table.put(template.getSlug(), Link.of(template));
    }
    long after = usedHeap();
    if (table.size() != count) {
      throw new IllegalStateException("table lost links");
    }
    return (after - before) / (double) count;
  }

  private static long usedHeap() {
    for (int i = 0; i < 5; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static ReferralLink link(String slug, String campaignId) {
    return ReferralLink.newBuilder()
        .setLinkId(UUID.randomUUID().toString())
        .setSlug(slug)
        .setCampaignId(campaignId)
        .setInfluencerId(UUID.randomUUID().toString())
        .setBrandId(UUID.randomUUID().toString())
        .setDestinationUrl("https://shop.example/products/spring-collection?ref=influmeter")
        .setUtm(
            Map.of("utm_source", "instagram", "utm_medium", "influencer", "utm_campaign", "spring"))
        .setStatus(LinkStatus.ACTIVE)
        .setAttributionModel(AttributionModel.LAST_CLICK)
        .setCommissionType(CommissionType.PERCENTAGE)
        .setCommissionPercentBps(1000)
        .setCommissionFixedMinor(0)
        .setCommissionCurrency("USD")
        .setUpdatedAt(Instant.now())
        .build();
  }

  private static void publish(String bootstrapServers, ReferralLink link) {
    var serde = Serdes.forTopic(Topics.REFERRAL_LINKS, new BuiltInSchemaRegistry());
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrapServers),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(
          new ProducerRecord<>(
              Topics.REFERRAL_LINKS.name(),
              Topics.keyOf(link),
              serde.encode(Topics.REFERRAL_LINKS.name(), link)));
      producer.flush();
    }
  }
}
