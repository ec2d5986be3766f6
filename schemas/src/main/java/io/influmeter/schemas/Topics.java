package io.influmeter.schemas;

import io.influmeter.events.AiTrigger;
import io.influmeter.events.AttributedConversion;
import io.influmeter.events.ClickEvent;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.EngagementWindow;
import io.influmeter.events.ReferralLink;
import io.influmeter.events.SocialMetricSnapshot;
import io.influmeter.events.SocialPlatform;
import io.influmeter.events.WindowGranularity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * The catalog of every Kafka topic: producers, Flink jobs, Connect configs and the local stack all
 * read names, keys, value types and configs from here. Keys are UTF-8 strings; the static {@code
 * *Key} methods build composite keys so every producer partitions the same way.
 */
public final class Topics {

  static final long ONE_DAY_MS = 24L * 60 * 60 * 1000;
  private static final long KEEP_FOREVER = -1L;
  private static final int EVENT_PARTITIONS = 6;
  private static final int DIMENSION_PARTITIONS = 3;
  private static final String SEPARATOR = ":";

  public static final TopicSpec<ClickEvent> CLICKS =
      new TopicSpec<>(
          "clicks",
          "link id",
          ClickEvent.class,
          EVENT_PARTITIONS,
          CleanupPolicy.DELETE,
          7 * ONE_DAY_MS);

  // Keyed like ATTRIBUTIONS so an order's events and its attributed state share a partition number.
  public static final TopicSpec<ConversionEvent> CONVERSIONS =
      new TopicSpec<>(
          "conversions",
          "store id:order id",
          ConversionEvent.class,
          EVENT_PARTITIONS,
          CleanupPolicy.DELETE,
          30 * ONE_DAY_MS);

  public static final TopicSpec<SocialMetricSnapshot> SOCIAL_METRICS =
      new TopicSpec<>(
          "social.metrics",
          "platform:account id",
          SocialMetricSnapshot.class,
          EVENT_PARTITIONS,
          CleanupPolicy.DELETE,
          30 * ONE_DAY_MS);

  public static final TopicSpec<ReferralLink> REFERRAL_LINKS =
      new TopicSpec<>(
          "referral.links",
          "slug",
          ReferralLink.class,
          DIMENSION_PARTITIONS,
          CleanupPolicy.COMPACT,
          KEEP_FOREVER);

  public static final TopicSpec<AttributedConversion> ATTRIBUTIONS =
      new TopicSpec<>(
          "attributions",
          "store id:order id",
          AttributedConversion.class,
          EVENT_PARTITIONS,
          CleanupPolicy.COMPACT,
          KEEP_FOREVER);

  public static final TopicSpec<EngagementWindow> ENGAGEMENT_WINDOWS =
      new TopicSpec<>(
          "engagement.windows",
          "campaign id:influencer id:granularity:window start epoch millis",
          EngagementWindow.class,
          EVENT_PARTITIONS,
          CleanupPolicy.COMPACT,
          KEEP_FOREVER);

  public static final TopicSpec<AiTrigger> AI_TRIGGERS =
      new TopicSpec<>(
          "ai.triggers",
          "campaign id",
          AiTrigger.class,
          EVENT_PARTITIONS,
          CleanupPolicy.DELETE,
          7 * ONE_DAY_MS);

  public static final TopicSpec<SpecificRecord> CLICKS_DLQ = deadLetterOf(CLICKS);
  public static final TopicSpec<SpecificRecord> CONVERSIONS_DLQ = deadLetterOf(CONVERSIONS);
  public static final TopicSpec<SpecificRecord> SOCIAL_METRICS_DLQ = deadLetterOf(SOCIAL_METRICS);
  public static final TopicSpec<SpecificRecord> REFERRAL_LINKS_DLQ = deadLetterOf(REFERRAL_LINKS);
  public static final TopicSpec<SpecificRecord> ATTRIBUTIONS_DLQ = deadLetterOf(ATTRIBUTIONS);
  public static final TopicSpec<SpecificRecord> ENGAGEMENT_WINDOWS_DLQ =
      deadLetterOf(ENGAGEMENT_WINDOWS);
  public static final TopicSpec<SpecificRecord> AI_TRIGGERS_DLQ = deadLetterOf(AI_TRIGGERS);

  private static final List<TopicSpec<? extends SpecificRecord>> VALUE_TOPICS =
      List.of(
          CLICKS,
          CONVERSIONS,
          SOCIAL_METRICS,
          REFERRAL_LINKS,
          ATTRIBUTIONS,
          ENGAGEMENT_WINDOWS,
          AI_TRIGGERS);

  private static final List<TopicSpec<? extends SpecificRecord>> ALL = buildAll();

  private static final Map<String, TopicSpec<? extends SpecificRecord>> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(TopicSpec::name, Function.identity()));

  private Topics() {}

  /** Every topic, value topics first, then their dead-letter topics (immutable). */
  public static List<TopicSpec<? extends SpecificRecord>> all() {
    return ALL;
  }

  /** The topics that carry Avro values, without the dead-letter topics (immutable). */
  public static List<TopicSpec<? extends SpecificRecord>> valueTopics() {
    return VALUE_TOPICS;
  }

  /** The topic with this name, if it is in the catalog. */
  public static Optional<TopicSpec<? extends SpecificRecord>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The dead-letter topic of a topic: same partitions, raw bytes, delete after 30 days. */
  public static TopicSpec<SpecificRecord> deadLetterOf(TopicSpec<?> topic) {
    return new TopicSpec<>(
        topic.deadLetterName(),
        topic.keyDescription() + " (the original record's key)",
        null,
        topic.partitions(),
        CleanupPolicy.DELETE,
        30 * ONE_DAY_MS);
  }

  /** Key of {@link #CLICKS}: the link id. */
  public static String clickKey(String linkId) {
    return requireComponent(linkId, "linkId");
  }

  /** Key of {@link #CLICKS} for a click. */
  public static String keyOf(ClickEvent click) {
    return clickKey(click.getLinkId());
  }

  /**
   * Key of {@link #CONVERSIONS} and {@link #ATTRIBUTIONS}: {@code storeId:orderId}. The order id is
   * last, so it may itself contain ':' without making keys ambiguous.
   */
  public static String conversionKey(String storeId, String orderId) {
    return requireLeading(storeId, "storeId") + SEPARATOR + requireComponent(orderId, "orderId");
  }

  /** Key of {@link #CONVERSIONS} for a conversion event. */
  public static String keyOf(ConversionEvent conversion) {
    return conversionKey(conversion.getStoreId(), conversion.getOrderId());
  }

  /** Key of {@link #ATTRIBUTIONS}: the same {@code storeId:orderId} as the conversions. */
  public static String attributionKey(String storeId, String orderId) {
    return conversionKey(storeId, orderId);
  }

  /** Key of {@link #ATTRIBUTIONS} for an attributed order. */
  public static String keyOf(AttributedConversion attribution) {
    return attributionKey(attribution.getStoreId(), attribution.getOrderId());
  }

  /** Key of {@link #SOCIAL_METRICS}: {@code PLATFORM:accountId}, e.g. {@code YOUTUBE:UC123}. */
  public static String socialMetricsKey(SocialPlatform platform, String accountId) {
    if (platform == null) {
      throw new IllegalArgumentException("platform must not be null");
    }
    return platform.name() + SEPARATOR + requireComponent(accountId, "accountId");
  }

  /** Key of {@link #SOCIAL_METRICS} for a snapshot. */
  public static String keyOf(SocialMetricSnapshot snapshot) {
    return socialMetricsKey(snapshot.getPlatform(), snapshot.getAccountId());
  }

  /** Key of {@link #REFERRAL_LINKS}: the slug, lower-cased (slugs are case-insensitive). */
  public static String referralLinkKey(String slug) {
    return requireComponent(slug, "slug").toLowerCase(Locale.ROOT);
  }

  /** Key of {@link #REFERRAL_LINKS} for a link. */
  public static String keyOf(ReferralLink link) {
    return referralLinkKey(link.getSlug());
  }

  /**
   * Key of {@link #ENGAGEMENT_WINDOWS}: {@code
   * campaignId:influencerId:GRANULARITY:windowStartMillis} so each window (and each overall row
   * with campaign "*") compacts to its latest firing.
   */
  public static String engagementWindowKey(
      String campaignId, String influencerId, WindowGranularity granularity, Instant windowStart) {
    if (granularity == null || windowStart == null) {
      throw new IllegalArgumentException("granularity and windowStart must not be null");
    }
    return requireLeading(campaignId, "campaignId")
        + SEPARATOR
        + requireLeading(influencerId, "influencerId")
        + SEPARATOR
        + granularity.name()
        + SEPARATOR
        + windowStart.toEpochMilli();
  }

  /** Key of {@link #ENGAGEMENT_WINDOWS} for a window. */
  public static String keyOf(EngagementWindow window) {
    return engagementWindowKey(
        window.getCampaignId(),
        window.getInfluencerId(),
        window.getGranularity(),
        window.getWindowStart());
  }

  /** Key of {@link #AI_TRIGGERS}: the campaign id. */
  public static String aiTriggerKey(String campaignId) {
    return requireComponent(campaignId, "campaignId");
  }

  /** Key of {@link #AI_TRIGGERS} for a trigger. */
  public static String keyOf(AiTrigger trigger) {
    return aiTriggerKey(trigger.getCampaignId());
  }

  private static List<TopicSpec<? extends SpecificRecord>> buildAll() {
    List<TopicSpec<? extends SpecificRecord>> all = new ArrayList<>(VALUE_TOPICS);
    all.addAll(
        List.of(
            CLICKS_DLQ,
            CONVERSIONS_DLQ,
            SOCIAL_METRICS_DLQ,
            REFERRAL_LINKS_DLQ,
            ATTRIBUTIONS_DLQ,
            ENGAGEMENT_WINDOWS_DLQ,
            AI_TRIGGERS_DLQ));
    return List.copyOf(all);
  }

  private static String requireComponent(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  // A ':' in any but the last component would make two different keys collide.
  private static String requireLeading(String value, String what) {
    requireComponent(value, what);
    if (value.contains(SEPARATOR)) {
      throw new IllegalArgumentException(what + " must not contain ':' (key component): " + value);
    }
    return value;
  }
}
