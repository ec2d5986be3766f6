package io.influmeter.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influmeter.events.SocialPlatform;
import io.influmeter.events.WindowGranularity;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void topicNamesAreUnique() {
    List<String> names = Topics.all().stream().map(TopicSpec::name).toList();

    assertThat(names).doesNotHaveDuplicates().hasSize(14);
  }

  @Test
  void everyValueTopicHasAValueClassAndEveryDeadLetterTopicHasNone() {
    for (TopicSpec<? extends SpecificRecord> topic : Topics.all()) {
      assertThat(topic.isDeadLetter()).as(topic.name()).isEqualTo(topic.name().endsWith(".dlq"));
      assertThat(topic.valueClass() == null).as(topic.name()).isEqualTo(topic.isDeadLetter());
    }
  }

  @Test
  void everyValueTopicHasItsDeadLetterTopicInTheCatalog() {
    Set<String> names = Topics.all().stream().map(TopicSpec::name).collect(Collectors.toSet());

    for (TopicSpec<? extends SpecificRecord> topic : Topics.valueTopics()) {
      assertThat(names).as(topic.name()).contains(topic.name() + ".dlq");
      TopicSpec<? extends SpecificRecord> deadLetter =
          Topics.byName(topic.deadLetterName()).orElseThrow();
      assertThat(deadLetter.cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE);
      assertThat(deadLetter.retentionMs()).isEqualTo(30L * 24 * 60 * 60 * 1000);
    }
  }

  @Test
  void everyTopicsConfigsCarryCleanupPolicyAndRetention() {
    for (TopicSpec<? extends SpecificRecord> topic : Topics.all()) {
      assertThat(topic.configs())
          .as(topic.name())
          .containsEntry("cleanup.policy", topic.cleanupPolicy().configValue())
          .containsEntry("retention.ms", Long.toString(topic.retentionMs()));
    }
  }

  @Test
  void theCatalogMatchesTheArchitectureTable() {
    assertThat(Topics.CLICKS.name()).isEqualTo("clicks");
    assertThat(Topics.CLICKS.retentionMs()).isEqualTo(7L * 24 * 60 * 60 * 1000);
    assertThat(Topics.CONVERSIONS.retentionMs()).isEqualTo(30L * 24 * 60 * 60 * 1000);
    assertThat(Topics.SOCIAL_METRICS.name()).isEqualTo("social.metrics");
    assertThat(Topics.REFERRAL_LINKS.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
    assertThat(Topics.REFERRAL_LINKS.partitions()).isEqualTo(3);
    assertThat(Topics.ATTRIBUTIONS.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
    assertThat(Topics.ENGAGEMENT_WINDOWS.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
    assertThat(Topics.AI_TRIGGERS.partitions()).isEqualTo(6);
    assertThat(Topics.byName("engagement.windows")).contains(Topics.ENGAGEMENT_WINDOWS);
    assertThat(Topics.byName("nope")).isEmpty();
  }

  @Test
  void theCatalogListIsImmutable() {
    assertThatThrownBy(() -> Topics.all().add(Topics.CLICKS))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void compositeKeysAreBuiltTheSameWayEverywhere() {
    assertThat(Topics.conversionKey("shop-1", "1001")).isEqualTo("shop-1:1001");
    assertThat(Topics.attributionKey("shop-1", "1001")).isEqualTo("shop-1:1001");
    assertThat(Topics.conversionKey("shop-1", "gid:order:9")).isEqualTo("shop-1:gid:order:9");
    assertThat(Topics.socialMetricsKey(SocialPlatform.YOUTUBE, "UC1")).isEqualTo("YOUTUBE:UC1");
    assertThat(Topics.referralLinkKey("Murugi25")).isEqualTo("murugi25");
    assertThat(
            Topics.engagementWindowKey(
                "c1", "i1", WindowGranularity.MINUTE, Instant.ofEpochMilli(60_000)))
        .isEqualTo("c1:i1:MINUTE:60000");
    assertThat(
            Topics.engagementWindowKey("*", "i1", WindowGranularity.HOUR, Instant.ofEpochMilli(0)))
        .isEqualTo("*:i1:HOUR:0");
  }

  @Test
  void aColonInALeadingKeyComponentIsRejectedBecauseItWouldMakeKeysCollide() {
    assertThatThrownBy(() -> Topics.conversionKey("shop:1", "1001"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("storeId");
    assertThatThrownBy(() -> Topics.clickKey(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
