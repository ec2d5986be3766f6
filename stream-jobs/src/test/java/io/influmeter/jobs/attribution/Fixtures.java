package io.influmeter.jobs.attribution;

import io.influmeter.events.AttributionModel;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.CommissionType;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ConversionKind;
import io.influmeter.events.LinkStatus;
import io.influmeter.events.ReferralLink;
import io.influmeter.events.StorePlatform;
import io.influmeter.schemas.ClickId;
import io.influmeter.schemas.ClickIdKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builders of links, clicks and conversions for the attribution tests. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final String SECRETS = "1:" + Base64.getEncoder().encodeToString(secret());
  static final ClickIdKeys KEYS = ClickIdKeys.parse(SECRETS);

  private Fixtures() {}

  private static byte[] secret() {
    byte[] secret = new byte[32];
    byte[] text = "influmeter-attribution-test-key!".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, secret, 0, Math.min(32, text.length));
    return secret;
  }

  static Instant day(double days) {
    return T0.plus(Duration.ofMillis((long) (days * 24 * 60 * 60 * 1000)));
  }

  static ReferralLink link(
      UUID linkId,
      String brand,
      String campaign,
      String influencer,
      String promoCode,
      AttributionModel model,
      int lookbackDays,
      CommissionType type,
      int bps,
      long fixedMinor,
      String currency) {
    return ReferralLink.newBuilder()
        .setLinkId(linkId.toString())
        .setSlug(influencer.toLowerCase() + "-" + campaign.toLowerCase())
        .setCampaignId(campaign)
        .setInfluencerId(influencer)
        .setBrandId(brand)
        .setDestinationUrl("https://shop.example/" + campaign)
        .setUtm(Map.of())
        .setPromoCode(promoCode)
        .setStatus(LinkStatus.ACTIVE)
        .setAttributionLookbackDays(lookbackDays)
        .setAttributionModel(model)
        .setCommissionType(type)
        .setCommissionPercentBps(bps)
        .setCommissionFixedMinor(fixedMinor)
        .setCommissionCurrency(currency)
        .setUpdatedAt(T0.minus(Duration.ofDays(1)))
        .build();
  }

  static ReferralLink percentLink(
      UUID linkId, String campaign, String influencer, String code, AttributionModel model) {
    return link(
        linkId,
        "brand-1",
        campaign,
        influencer,
        code,
        model,
        30,
        CommissionType.PERCENTAGE,
        1000,
        0,
        "EUR");
  }

  static ClickEvent click(ReferralLink link, Instant time, String visitor, boolean bot) {
    return click(link, time, visitor, bot, bot ? "bot-user-agent" : null);
  }

  /**
   * A click as ingest records it: its id carries the link, time, whether it may earn ({@code
   * is_bot} or a {@code bot_reason}) and the visitor's tag.
   */
  static ClickEvent click(
      ReferralLink link, Instant time, String visitor, boolean bot, String botReason) {
    String clickId =
        ClickId.issue(
            time,
            UUID.fromString(link.getLinkId()),
            bot || botReason != null,
            ClickId.visitorTag(visitor),
            KEYS);
    return ClickEvent.newBuilder()
        .setClickId(clickId)
        .setSlug(link.getSlug())
        .setLinkId(link.getLinkId())
        .setCampaignId(link.getCampaignId())
        .setInfluencerId(link.getInfluencerId())
        .setBrandId(link.getBrandId())
        .setEventTime(time)
        .setVisitorId(visitor)
        .setVisitorHash("vh-" + visitor)
        .setIsBot(bot)
        .setBotReason(botReason)
        .setUtm(Map.of())
        .setDestinationUrl(link.getDestinationUrl() + "?im_click=" + clickId)
        .build();
  }

  static ConversionEvent order(
      String orderId, Instant time, long amount, String clickId, String... codes) {
    return conversion(orderId, ConversionKind.ORDER, null, time, amount, clickId, codes);
  }

  static ConversionEvent refund(String orderId, String refundId, Instant time, long amount) {
    return conversion(orderId, ConversionKind.REFUND, refundId, time, amount, null);
  }

  static ConversionEvent cancel(String orderId, Instant time) {
    return conversion(orderId, ConversionKind.CANCEL, null, time, 0, null);
  }

  static ConversionEvent conversion(
      String orderId,
      ConversionKind kind,
      String refundId,
      Instant time,
      long amount,
      String clickId,
      String... codes) {
    return conversion(
        "brand-1",
        "store-1",
        "EUR",
        orderId,
        kind,
        refundId,
        time,
        amount,
        clickId,
        List.of(codes));
  }

  static ConversionEvent conversion(
      String brand,
      String store,
      String currency,
      String orderId,
      ConversionKind kind,
      String refundId,
      Instant time,
      long amount,
      String clickId,
      List<String> codes) {
    String eventId =
        "GENERIC:" + store + ":" + orderId + ":" + kind + (refundId == null ? "" : ":" + refundId);
    return ConversionEvent.newBuilder()
        .setEventId(eventId)
        .setStoreId(store)
        .setBrandId(brand)
        .setPlatform(StorePlatform.GENERIC)
        .setOrderId(orderId)
        .setKind(kind)
        .setRefundId(refundId)
        .setAmountMinor(amount)
        .setCurrency(currency)
        .setDiscountCodes(List.copyOf(codes))
        .setClickId(clickId)
        .setEventTime(time)
        .setReceivedAt(time)
        .build();
  }

  /** A click id with one character changed: well-formed, but its MAC no longer matches. */
  static String forged(String clickId) {
    char[] chars = clickId.toCharArray();
    int middle = chars.length / 2;
    chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
    return new String(chars);
  }

  static String text(Object... parts) {
    return Arrays.toString(parts);
  }

  /** Topic names of the job unique to one test (a ledger topic included). */
  static AttributionJobConfig.TopicNames uniqueTopics() {
    return new AttributionJobConfig.TopicNames(
        io.influmeter.embedded.junit.TestNames.unique("clicks"),
        io.influmeter.embedded.junit.TestNames.unique("conversions"),
        io.influmeter.embedded.junit.TestNames.unique("links"),
        io.influmeter.embedded.junit.TestNames.unique("attributions"),
        io.influmeter.embedded.junit.TestNames.unique("ledger"));
  }

  /**
   * The job on a test broker: parallelism 2, checkpoints every 500 ms, exactly-once sinks, a group
   * and transactional id prefix of its own.
   */
  static AttributionJobConfig exactlyOnce(
      String bootstrapServers,
      AttributionJobConfig.TopicNames topics,
      Duration maxOutOfOrderness,
      Duration idleTimeout) {
    return AttributionJobConfig.defaults(bootstrapServers, SECRETS)
        .withKafka(
            new io.influmeter.jobs.common.KafkaJobSettings(
                bootstrapServers,
                null,
                io.influmeter.embedded.junit.TestNames.unique("attribution"),
                2,
                128,
                Duration.ofMillis(500),
                org.apache.flink.connector.base.DeliveryGuarantee.EXACTLY_ONCE,
                io.influmeter.embedded.junit.TestNames.unique("attribution-tx"),
                maxOutOfOrderness,
                idleTimeout,
                false))
        .withTopics(topics);
  }
}
