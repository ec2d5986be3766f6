package io.influmeter.jobs.attribution;

import io.influmeter.events.AttributionModel;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.CommissionType;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ConversionKind;
import io.influmeter.events.ReferralLink;
import io.influmeter.schemas.ClickId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded stream of links, clicks and conversions as they would arrive: duplicates (webhook
 * retries, redelivered clicks), out-of-order arrival within the watermark bound, conversions
 * arriving days late, refunds (partial, several per order, some before their order arrives) and
 * cancellations, bot and self-referral clicks, forged and expired click ids, orders whose click was
 * lost, promo codes in mixed case, orders of another brand, and refunds of orders never seen. Every
 * id is prefixed by the seed, so several scenarios can run in one job.
 */
final class AttributionScenario {

  /** Arrival jitter of on-time events; the job's watermarks allow more than this. */
  static final Duration JITTER = Duration.ofMinutes(50);

  static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofHours(1);

  private static final AttributionModel[] MODELS = AttributionModel.values();
  private static final long DAY = Duration.ofDays(1).toMillis();
  private static final int HORIZON_DAYS = 60;

  final long seed;
  final List<ReferralLink> links = new ArrayList<>();
  final List<Arrival<ClickEvent>> clicks = new ArrayList<>();
  final List<Arrival<ConversionEvent>> conversions = new ArrayList<>();
  private final Random random;

  /** An event and when it reaches the job (epoch millis). */
  record Arrival<T>(T event, long arrivalMillis) {}

  AttributionScenario(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
    generate();
  }

  private String id(String name) {
    return "s" + seed + "-" + name;
  }

  private void generate() {
    String[] brands = {id("brand-a"), id("brand-b")};
    String[] currencies = {"EUR", "KES"};
    for (int brand = 0; brand < brands.length; brand++) {
      for (int campaign = 0; campaign < 2; campaign++) {
        String campaignId = id("camp-" + brand + campaign);
        AttributionModel model = MODELS[random.nextInt(MODELS.length)];
        int lookback = 7 + random.nextInt(24);
        boolean percentage = random.nextInt(3) > 0;
        int bps = percentage ? 300 + random.nextInt(2000) : 0;
        long fixed = percentage ? 0 : 100 + random.nextInt(2000);
        for (int influencer = 0; influencer < 3; influencer++) {
          String influencerId = id("inf-" + ((brand * 2 + campaign + influencer) % 5));
          String code = "CODE" + seed + "X" + brand + campaign + influencer;
          links.add(
              Fixtures.link(
                  new UUID(random.nextLong(), random.nextLong()),
                  brands[brand],
                  campaignId,
                  influencerId,
                  code,
                  model,
                  lookback,
                  percentage ? CommissionType.PERCENTAGE : CommissionType.FIXED,
                  bps,
                  fixed,
                  currencies[brand]));
        }
      }
    }
    List<ClickEvent> issued = new ArrayList<>();
    for (int n = 0; n < 160; n++) {
      ReferralLink link = links.get(random.nextInt(links.size()));
      Instant time = Fixtures.T0.plusMillis((long) (random.nextDouble() * HORIZON_DAYS * DAY));
      String visitor = random.nextInt(10) == 0 ? null : id("visitor-" + random.nextInt(25));
      boolean bot = random.nextInt(10) == 0;
      String botReason = bot ? "bot-user-agent" : random.nextInt(30) == 0 ? "self-referral" : null;
      ClickEvent click = Fixtures.click(link, time, visitor, bot, botReason);
      if (visitor == null) {
        click.setVisitorHash(id("anonymous"));
      }
      issued.add(click);
      boolean lost = random.nextInt(25) == 0; // the click record never reached Kafka
      if (!lost) {
        clicks.add(new Arrival<>(click, onTime(time.toEpochMilli())));
        if (random.nextInt(12) == 0) {
          clicks.add(new Arrival<>(click, onTime(time.toEpochMilli()))); // redelivered
        }
      }
    }
    for (int n = 0; n < 70; n++) {
      order(n, brands, currencies, issued);
    }
    for (int n = 0; n < 2; n++) {
      ConversionEvent orphan =
          refund(brands[0], currencies[0], id("o-missing-" + n), "r0", day(10 + n), 500);
      conversions.add(new Arrival<>(orphan, onTime(orphan.getEventTime().toEpochMilli())));
    }
    clicks.sort(Comparator.comparingLong(Arrival::arrivalMillis));
    conversions.sort(Comparator.comparingLong(Arrival::arrivalMillis));
  }

  private void order(int n, String[] brands, String[] currencies, List<ClickEvent> issued) {
    int brand = random.nextInt(2);
    String clickId = null;
    List<String> codes = new ArrayList<>();
    Instant time = day(random.nextDouble() * HORIZON_DAYS);
    int route = random.nextInt(10);
    if (route < 5) {
      ClickEvent click = issued.get(random.nextInt(issued.size()));
      time = click.getEventTime().plusMillis((long) (random.nextDouble() * 35 * DAY));
      clickId = click.getClickId();
      brand = click.getBrandId().equals(brands[0]) ? 0 : 1;
      if (random.nextInt(15) == 0) {
        brand = 1 - brand; // a click id of another brand's link
      }
      if (random.nextInt(8) == 0) {
        clickId = Fixtures.forged(clickId);
      }
    } else if (route < 6) {
      clickId = ClickId.issue(time, UUID.randomUUID(), Fixtures.KEYS); // valid MAC, unknown link
    } else if (route < 7) {
      clickId = "not-a-click-id-" + n;
    }
    if (random.nextInt(3) == 0) {
      ReferralLink link = links.get(random.nextInt(links.size()));
      String code = link.getPromoCode();
      codes.add(random.nextBoolean() ? code.toLowerCase(Locale.ROOT) : mixedCase(code));
    }
    if (random.nextInt(6) == 0) {
      codes.add(0, "UNKNOWN" + n);
    }
    String orderId = id("o-" + n);
    long amount = 500 + random.nextInt(200_000);
    ConversionEvent order =
        Fixtures.conversion(
            brands[brand],
            id("store-" + brand),
            currencies[brand],
            orderId,
            ConversionKind.ORDER,
            null,
            time,
            amount,
            clickId,
            codes);
    long orderMillis = time.toEpochMilli();
    long orderArrival = arrival(orderMillis);
    int refunds = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
    long lastRefundArrival = Long.MIN_VALUE;
    for (int r = 0; r < refunds; r++) {
      ConversionEvent refund =
          refund(
              brands[brand],
              currencies[brand],
              orderId,
              "r" + r,
              time.plusMillis((long) (random.nextDouble() * 20 * DAY)),
              1 + random.nextInt((int) Math.max(1, amount / 2)));
      long refundArrival = arrival(refund.getEventTime().toEpochMilli());
      lastRefundArrival = Math.max(lastRefundArrival, refundArrival);
      conversions.add(new Arrival<>(refund, refundArrival));
      if (random.nextInt(6) == 0) {
        conversions.add(new Arrival<>(refund, arrival(refund.getEventTime().toEpochMilli())));
      }
    }
    if (refunds > 0 && random.nextInt(3) == 0) {
      // The order's webhook is delayed past its refunds: they reach the job first.
      orderArrival = lastRefundArrival + 60_000;
    }
    conversions.add(new Arrival<>(order, orderArrival));
    if (random.nextInt(7) == 0) {
      conversions.add(new Arrival<>(order, arrival(orderMillis))); // webhook retry
    }
    if (random.nextInt(12) == 0) {
      ConversionEvent cancel =
          Fixtures.conversion(
              brands[brand],
              id("store-" + brand),
              currencies[brand],
              orderId,
              ConversionKind.CANCEL,
              null,
              time.plusMillis((long) (random.nextDouble() * 5 * DAY)),
              0,
              null,
              List.of());
      conversions.add(new Arrival<>(cancel, arrival(cancel.getEventTime().toEpochMilli())));
    }
  }

  private ConversionEvent refund(
      String brand, String currency, String orderId, String refundId, Instant time, long amount) {
    return Fixtures.conversion(
        brand,
        id("store-" + (brand.endsWith("brand-a") ? 0 : 1)),
        currency,
        orderId,
        ConversionKind.REFUND,
        refundId,
        time,
        amount,
        null,
        List.of());
  }

  private long onTime(long eventMillis) {
    return eventMillis + (long) (random.nextDouble() * JITTER.toMillis());
  }

  // One conversion in twenty arrives one to five days late (behind the watermark).
  private long arrival(long eventMillis) {
    if (random.nextInt(20) == 0) {
      return eventMillis + DAY + (long) (random.nextDouble() * 4 * DAY);
    }
    return onTime(eventMillis);
  }

  private String mixedCase(String code) {
    StringBuilder mixed = new StringBuilder();
    for (char c : code.toCharArray()) {
      mixed.append(random.nextBoolean() ? Character.toLowerCase(c) : c);
    }
    return mixed.toString();
  }

  private static Instant day(double days) {
    return Fixtures.day(days);
  }

  /** Scenarios of several seeds merged in arrival order (their ids never collide). */
  static <T> List<T> merged(List<AttributionScenario> scenarios, boolean clicks) {
    List<Arrival<?>> all = new ArrayList<>();
    for (AttributionScenario scenario : scenarios) {
      all.addAll(clicks ? scenario.clicks : scenario.conversions);
    }
    all.sort(Comparator.comparingLong(Arrival::arrivalMillis));
    List<T> events = new ArrayList<>();
    for (Arrival<?> arrival : all) {
      @SuppressWarnings("unchecked")
      T event = (T) arrival.event();
      events.add(event);
    }
    return events;
  }
}
