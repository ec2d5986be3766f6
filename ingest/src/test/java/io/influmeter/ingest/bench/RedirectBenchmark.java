package io.influmeter.ingest.bench;

import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.events.AttributionModel;
import io.influmeter.events.CommissionType;
import io.influmeter.events.LinkStatus;
import io.influmeter.events.ReferralLink;
import io.influmeter.ingest.Ingest;
import io.influmeter.ingest.IngestConfig;
import io.influmeter.ingest.TestSecrets;
import io.influmeter.ingest.links.Link;
import io.influmeter.ingest.links.LinkTable;
import io.influmeter.ingest.stores.InMemoryStoreDirectory;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.Serdes;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Redirect throughput and latency with wrk on loopback: the real ingest (durable 302, broker in
 * this JVM) against a bare Javalin server on the same HTTP stack answering a fixed 302 (no lookup,
 * no Kafka), measured in the same run; then heap per link in the redirect table. Not a test; run:
 *
 * <pre>
 * mvn -q -B -pl ingest test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.influmeter.ingest.bench.RedirectBenchmark
 * </pre>
 *
 * Needs {@code wrk} on the PATH; targets 127.0.0.1 only.
 */
public final class RedirectBenchmark {

  private static final int[] CONNECTIONS = {32, 64, 128};
  private static final String DURATION = System.getProperty("bench.duration", "10s");
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern P99 = Pattern.compile("99%\\s+([0-9.]+)(us|ms|s)");

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
    Path root =
        Files.createTempDirectory(
            Path.of(System.getProperty("bench.dir", "ingest/target")), "bench-");
    EmbeddedKafka kafka = EmbeddedKafka.start(root.resolve("kafka"), 0, 0);
    kafka.createTopics(Topics.all());
    ReferralLink link = link("bench-slug", UUID.randomUUID().toString());
    publish(kafka, List.of(link));
    IngestConfig config =
        TestSecrets.builder()
            .with(
                b -> {
                  b.host = "127.0.0.1";
                  b.port = 0;
                  b.kafkaBootstrapServers = kafka.bootstrapServers();
                  b.spoolDirectory = root.resolve("spool");
                  return b;
                })
            .build();
    Ingest ingest = Ingest.start(config, new InMemoryStoreDirectory());
    Javalin bare = bareRedirect(config.maxThreads());
    List<String> rows = new ArrayList<>();
    try {
      wrk(bare.port(), 32, "3s");
      wrk(ingest.port(), 32, "3s");
      long clicksBefore = endOffsets(kafka, Topics.CLICKS.name());
      long answered = 0;
      for (int connections : CONNECTIONS) {
        Result baseline = wrk(bare.port(), connections, DURATION);
        Result durable = wrk(ingest.port(), connections, DURATION);
        answered += durable.requests;
        rows.add(
            String.format(
                "| %d | %,.0f | %.1f | %,.0f | %.1f | %.2f |",
                connections,
                baseline.rate,
                baseline.p99Ms,
                durable.rate,
                durable.p99Ms,
                durable.rate / baseline.rate));
      }
      Thread.sleep(2_000);
      long clicks = endOffsets(kafka, Topics.CLICKS.name()) - clicksBefore;
      System.out.println();
      System.out.println(
          "| connections | bare 302 req/s | bare p99 ms | durable 302 req/s | durable p99 ms | ratio |");
      System.out.println("|---|---|---|---|---|---|");
      rows.forEach(System.out::println);
      System.out.printf(
          "%nresponses answered by ingest: %,d; click records in Kafka: %,d%n", answered, clicks);
      System.out.printf(
          "spool used: %s%n",
          ingest.metrics().find("ingest.delivery").tag("outcome", "spooled").counter() == null
              ? "0"
              : String.format(
                  "%,.0f",
                  ingest
                      .metrics()
                      .find("ingest.delivery")
                      .tag("outcome", "spooled")
                      .counter()
                      .count()));
    } finally {
      bare.stop();
      ingest.close();
      kafka.close();
    }
    System.out.printf(
        "heap per link (1M links, 1,000 campaigns): %.0f bytes%n", bytesPerLink(1_000_000));
  }

  private static Javalin bareRedirect(int maxThreads) {
    return Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.jetty.host = "127.0.0.1";
              cfg.jetty.port = 0;
              QueuedThreadPool threads = new QueuedThreadPool(maxThreads, 4);
              cfg.jetty.threadPool = threads;
              cfg.routes.get(
                  "/go/{slug}",
                  ctx ->
                      ctx.status(302)
                          .header("Location", "https://shop.example/bench?utm_source=x"));
            })
        .start();
  }

  private record Result(double rate, double p99Ms, long requests) {}

  private static Result wrk(int port, int connections, String duration)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                "wrk",
                "-t2",
                "-c" + connections,
                "-d" + duration,
                "--latency",
                "http://127.0.0.1:" + port + "/go/bench-slug")
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
    double latency = Double.parseDouble(p99.group(1));
    double ms =
        switch (p99.group(2)) {
          case "us" -> latency / 1000;
          case "s" -> latency * 1000;
          default -> latency;
        };
    return new Result(Double.parseDouble(rate.group(1)), ms, Long.parseLong(total.group(1)));
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

  private static void publish(EmbeddedKafka kafka, List<ReferralLink> links) {
    var serde = Serdes.forTopic(Topics.REFERRAL_LINKS, new BuiltInSchemaRegistry());
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (ReferralLink link : links) {
        producer.send(
            new ProducerRecord<>(
                Topics.REFERRAL_LINKS.name(),
                Topics.keyOf(link),
                serde.encode(Topics.REFERRAL_LINKS.name(), link)));
      }
      producer.flush();
    }
  }

  private static long endOffsets(EmbeddedKafka kafka, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
