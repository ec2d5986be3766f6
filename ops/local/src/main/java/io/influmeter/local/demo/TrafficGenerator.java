package io.influmeter.local.demo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A steady trickle of shopper and store traffic through ingest's real endpoints: clicks on the
 * demo's links at a fixed rate (varied browsers, returning visitors with their cookie, some bots),
 * and, for a share of human clicks, a signed Shopify order carrying the {@code im_click} of an
 * earlier click (or only the influencer's promo code); some orders are refunded a little later. One
 * thread; a failed request is counted and logged, and the trickle goes on (ingest may be
 * restarting).
 */
public final class TrafficGenerator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrafficGenerator.class);
  private static final int REMEMBERED = 500;

  /** A browser seen before: its user agent and the visitor cookie ingest gave it. */
  private record Visitor(String userAgent, String cookie) {}

  /** An order that will be refunded. */
  private record Order(long id, long totalMinor) {}

  /** What was sent so far. */
  public record Counts(long clicks, long botClicks, long orders, long refunds, long failures) {}

  private final DemoWorld world;
  private final IngestClient ingest;
  private final TrafficMix mix;
  private final Clock clock;
  private final double clicksPerSecond;
  private final List<Visitor> visitors = new ArrayList<>();
  private final List<String> earlierClicks = new ArrayList<>();
  private final List<Order> toRefund = new ArrayList<>();
  private final AtomicLong clicks = new AtomicLong();
  private final AtomicLong bots = new AtomicLong();
  private final AtomicLong orders = new AtomicLong();
  private final AtomicLong refunds = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "demo-traffic");
            thread.setDaemon(true);
            return thread;
          });
  private long nextOrderId;

  public TrafficGenerator(
      DemoWorld world, IngestClient ingest, TrafficMix mix, Clock clock, double clicksPerSecond) {
    if (!(clicksPerSecond > 0)) {
      throw new IllegalArgumentException("clicks per second must be positive: " + clicksPerSecond);
    }
    this.world = world;
    this.ingest = ingest;
    this.mix = mix;
    this.clock = clock;
    this.clicksPerSecond = clicksPerSecond;
    // Order ids unique across restarts of the demo (the store's order ids are its dedup key).
    this.nextOrderId = clock.millis() * 1000;
  }

  /** Starts the trickle: one click every 1/rate seconds. */
  public TrafficGenerator start() {
    long period = Math.max(1, Math.round(1e9 / clicksPerSecond));
    scheduler.scheduleAtFixedRate(this::tickSafely, 0, period, TimeUnit.NANOSECONDS);
    return this;
  }

  public Counts counts() {
    return new Counts(clicks.get(), bots.get(), orders.get(), refunds.get(), failures.get());
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      LOG.warn("demo traffic: {}", e.toString());
    }
  }

  /** One click, and perhaps an order and a refund. */
  void tick() {
    DemoWorld.Link link = mix.link(world.links());
    boolean bot = mix.bot();
    Visitor visitor =
        !bot && mix.returning() && !visitors.isEmpty()
            ? visitors.get(mix.index(visitors.size()))
            : new Visitor(mix.userAgent(bot), null);
    IngestClient.Click click = ingest.click(link.slug(), visitor.userAgent(), visitor.cookie());
    if (click.status() != 302) {
      failed("click on " + link.slug() + " answered " + click.status());
      return;
    }
    clicks.incrementAndGet();
    if (bot) {
      bots.incrementAndGet();
      return;
    }
    if (click.visitorCookie() != null) {
      remember(visitors, new Visitor(visitor.userAgent(), click.visitorCookie()));
    }
    if (click.clickId() != null) {
      remember(earlierClicks, click.clickId());
    }
    if (mix.converts()) {
      order(link);
    }
    if (!toRefund.isEmpty() && mix.converts()) {
      refund(toRefund.remove(mix.index(toRefund.size())));
    }
  }

  private void order(DemoWorld.Link link) {
    boolean promoOnly = mix.promoOnly() || earlierClicks.isEmpty();
    String clickId = promoOnly ? null : earlierClicks.get(mix.index(earlierClicks.size()));
    long id = nextOrderId++;
    long total = mix.orderMinor();
    String body =
        ShopifyPayloads.order(
            id,
            total,
            world.currency(),
            clock.instant(),
            "shopper" + (id % 100_000) + "@example.test",
            clickId,
            promoOnly ? link.promoCode() : null);
    if (send(ShopifyPayloads.ORDER_TOPIC, body)) {
      orders.incrementAndGet();
      if (mix.refunded()) {
        remember(toRefund, new Order(id, total));
      }
    }
  }

  private void refund(Order order) {
    String body =
        ShopifyPayloads.refund(
            nextOrderId++,
            order.id(),
            mix.refundMinor(order.totalMinor()),
            world.currency(),
            clock.instant());
    if (send(ShopifyPayloads.REFUND_TOPIC, body)) {
      refunds.incrementAndGet();
    }
  }

  private boolean send(String topic, String body) {
    int status =
        ingest.shopifyWebhook(
            world.store().webhookPath(), topic, body, world.store().signingSecret());
    if (status / 100 != 2) {
      failed(topic + " webhook answered " + status);
      return false;
    }
    return true;
  }

  private void failed(String what) {
    failures.incrementAndGet();
    LOG.warn("demo traffic: {}", what);
  }

  private static <T> void remember(List<T> list, T item) {
    if (list.size() >= REMEMBERED) {
      list.remove(0);
    }
    list.add(item);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
