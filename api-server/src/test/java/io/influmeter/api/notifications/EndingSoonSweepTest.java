package io.influmeter.api.notifications;

import static io.influmeter.api.db.Tables.CAMPAIGNS;
import static io.influmeter.api.db.Tables.NOTIFICATIONS;
import static io.influmeter.api.notifications.NotificationFixtures.campaign;
import static io.influmeter.api.notifications.NotificationFixtures.participant;
import static io.influmeter.api.notifications.NotificationFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.influmeter.api.http.Json;
import io.influmeter.api.support.Mailbox;
import io.influmeter.api.support.MutableClock;
import io.influmeter.api.support.TestDatabase;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedServices.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EndingSoonSweepTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2027-07-01T12:00:00Z"));
  private DSLContext dsl;
  private UUID brand;

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.get().reset();
    dsl = TestDatabase.get().dsl();
    brand = user(dsl, "BRAND", "brand@example.test", clock.instant());
  }

  private EndingSoonSweep sweep() {
    return new EndingSoonSweep(dsl, clock, new NotificationOutbox(clock, Json.mapper()), 3);
  }

  private Instant in(Duration duration) {
    return clock.instant().plus(duration);
  }

  private UUID influencer(String name, UUID campaign, String status) {
    UUID id = user(dsl, "INFLUENCER", name + "@example.test", clock.instant());
    participant(dsl, campaign, id, status, clock.instant());
    return id;
  }

  private List<UUID> recipientsOfEndingSoon() {
    return dsl.select(NOTIFICATIONS.RECIPIENT_ID)
        .from(NOTIFICATIONS)
        .where(NOTIFICATIONS.KIND.eq("CAMPAIGN_ENDING_SOON"))
        .fetch(NOTIFICATIONS.RECIPIENT_ID);
  }

  @Test
  void an_active_campaign_ending_within_the_window_is_announced_to_the_brand_and_accepted_creators()
      throws Exception {
    UUID ending =
        campaign(dsl, brand, "Summer Glow", "ACTIVE", in(Duration.ofHours(36)), clock.instant());
    UUID accepted = influencer("accepted", ending, "ACCEPTED");
    UUID alsoAccepted = influencer("also-accepted", ending, "ACCEPTED");
    influencer("invited", ending, "INVITED");
    influencer("declined", ending, "DECLINED");
    UUID later = campaign(dsl, brand, "Autumn", "ACTIVE", in(Duration.ofDays(10)), clock.instant());
    influencer("later", later, "ACCEPTED");
    campaign(dsl, brand, "Done", "COMPLETED", in(Duration.ofDays(1)), clock.instant());
    campaign(dsl, brand, "Approved", "APPROVED", in(Duration.ofDays(1)), clock.instant());
    campaign(dsl, brand, "Over", "ACTIVE", in(Duration.ofHours(-1)), clock.instant());

    assertThat(sweep().sweep()).isEqualTo(3);

    assertThat(recipientsOfEndingSoon()).containsExactlyInAnyOrder(brand, accepted, alsoAccepted);
    JsonNode facts =
        Json.mapper()
            .readTree(
                dsl.select(NOTIFICATIONS.FACTS)
                    .from(NOTIFICATIONS)
                    .where(NOTIFICATIONS.RECIPIENT_ID.eq(brand))
                    .fetchSingle()
                    .value1()
                    .data());
    assertThat(facts.get("campaignId").asText()).isEqualTo(ending.toString());
    assertThat(facts.get("campaignName").asText()).isEqualTo("Summer Glow");
    assertThat(facts.get("endsAt").asText()).isEqualTo("2027-07-03 00:00 UTC");
    assertThat(facts.get("daysLeft").asText()).isEqualTo("2");
    assertThat(
            dsl.select(CAMPAIGNS.ENDING_SOON_NOTIFIED_AT)
                .from(CAMPAIGNS)
                .where(CAMPAIGNS.ID.eq(ending))
                .fetchSingle()
                .value1()
                .toInstant())
        .isEqualTo(clock.instant());
  }

  @Test
  void sweeping_again_or_from_another_instance_queues_nothing_more() {
    UUID ending = campaign(dsl, brand, "Once", "ACTIVE", in(Duration.ofDays(2)), clock.instant());
    influencer("creator", ending, "ACCEPTED");

    assertThat(sweep().sweep()).isEqualTo(2);
    clock.advance(Duration.ofHours(1));
    assertThat(sweep().sweep()).as("a second instance after a restart").isZero();
    assertThat(sweep().sweep()).isZero();

    assertThat(recipientsOfEndingSoon()).hasSize(2);
  }

  @Test
  void a_campaign_is_announced_when_it_enters_the_window_not_before() {
    campaign(dsl, brand, "Later", "ACTIVE", in(Duration.ofDays(5)), clock.instant());

    assertThat(sweep().sweep()).isZero();
    clock.advance(Duration.ofDays(2).minusMinutes(1));
    assertThat(sweep().sweep()).isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(sweep().sweep()).isEqualTo(1);
  }

  @Test
  void two_instances_sweeping_at_the_same_moment_announce_each_campaign_once() throws Exception {
    for (int i = 0; i < 12; i++) {
      UUID ending =
          campaign(dsl, brand, "Race " + i, "ACTIVE", in(Duration.ofDays(1)), clock.instant());
      influencer("racer-" + i, ending, "ACCEPTED");
    }
    var start = new CountDownLatch(1);
    var pool = Executors.newFixedThreadPool(2);
    int total = 0;
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        var sweep = sweep();
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return sweep.sweep();
                }));
      }
      start.countDown();
      for (var result : results) {
        total += result.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(total).isEqualTo(24);
    // Each (campaign, recipient) pair exactly once: the brand once per campaign, each creator once.
    List<String> pairs =
        dsl.select(NOTIFICATIONS.FACTS, NOTIFICATIONS.RECIPIENT_ID)
            .from(NOTIFICATIONS)
            .fetch(
                r -> {
                  try {
                    String campaign =
                        Json.mapper().readTree(r.value1().data()).get("campaignId").asText();
                    return campaign + "/" + r.value2();
                  } catch (IOException e) {
                    throw new AssertionError(e);
                  }
                });
    assertThat(pairs).hasSize(24).doesNotHaveDuplicates();
    assertThat(dsl.fetchCount(CAMPAIGNS, CAMPAIGNS.ENDING_SOON_NOTIFIED_AT.isNotNull()))
        .isEqualTo(12);
  }

  @Test
  void the_queued_reminders_reach_the_brand_and_the_creators_by_email() {
    UUID ending =
        campaign(dsl, brand, "Spring Sale", "ACTIVE", in(Duration.ofHours(60)), clock.instant());
    influencer("reader", ending, "ACCEPTED");
    sweep().sweep();

    try (var mailbox = Mailbox.start()) {
      var worker =
          new NotificationWorker(
              dsl,
              clock,
              new SmtpMailSender(mailbox.smtp()),
              NotificationConfig.defaults(),
              () -> 0.0,
              Json.mapper(),
              new SimpleMeterRegistry());
      assertThat(worker.drain()).isEqualTo(2);

      for (String recipient : List.of("brand@example.test", "reader@example.test")) {
        var received = mailbox.awaitMessages(recipient, 1, Duration.ofSeconds(30)).get(0);
        assertThat(received.subject()).isEqualTo("\"Spring Sale\" ends in 3 days");
        assertThat(received.text()).contains("ends on 2027-07-04 00:00 UTC (in 3 days)");
      }
    }
  }

  @Test
  void days_left_are_rounded_up_and_never_zero() {
    OffsetDateTime now = OffsetDateTime.of(2027, 7, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    assertThat(EndingSoonSweep.daysLeft(now, now.plusMinutes(5))).isEqualTo(1);
    assertThat(EndingSoonSweep.daysLeft(now, now.plusDays(1))).isEqualTo(1);
    assertThat(EndingSoonSweep.daysLeft(now, now.plusDays(1).plusSeconds(1))).isEqualTo(2);
    assertThat(EndingSoonSweep.daysLeft(now, now.plusDays(3))).isEqualTo(3);
  }
}
