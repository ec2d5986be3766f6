package io.influmeter.jobs.triggers;

import static io.influmeter.jobs.triggers.TriggerFixtures.DAY0;
import static io.influmeter.jobs.triggers.TriggerFixtures.HOUR;
import static io.influmeter.jobs.triggers.TriggerFixtures.hourRow;
import static io.influmeter.jobs.triggers.TriggerFixtures.link;
import static io.influmeter.jobs.triggers.TriggerFixtures.minuteRow;
import static io.influmeter.jobs.triggers.TriggerFixtures.promoOrder;
import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.events.AiTrigger;
import io.influmeter.events.AiTriggerKind;
import io.influmeter.events.AttributedConversion;
import io.influmeter.events.EngagementWindow;
import io.influmeter.events.ReferralLink;
import io.influmeter.jobs.common.AvroTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AiTriggerJob's topology on a MiniCluster at parallelism 2 with bounded inputs. */
class AiTriggerJobPipelineIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final AiTriggerJobConfig CONFIG =
      AiTriggerJobConfig.defaults("unused:9092")
          .withBudgets(Map.of("c1", new CampaignBudget(100_000, "KES")));

  @Test
  void aCampaignsHoursBecomeEveryKindOfTriggerOncePerPeriodAndAQuietCampaignGetsNone()
      throws Exception {
    List<EngagementWindow> windows = new ArrayList<>();
    for (int hour = 0; hour < 12; hour++) {
      long start = DAY0 + hour * HOUR;
      boolean spike = hour == 11;
      windows.add(hourRow("c1", "murugi", start, true, spike ? 400 : 20, 2, 0, 4_000));
      windows.add(hourRow("c1", "njugush", start, true, 15, 0, 0, 0));
      windows.add(hourRow("c1", "otieno", start, true, 5, 0, 0, 0));
      windows.add(hourRow("c1", "wanjiku", start, true, hour == 3 ? 1 : 0, 0, 0, 0));
      windows.add(hourRow("c2", "quiet", start, true, 5, 0, 0, 0));
      // Early and minute rows are ignored by the rules but move the watermark.
      windows.add(hourRow("c1", "murugi", start, false, 1, 0, 0, 0));
      windows.add(minuteRow("c1", "murugi", start + 30 * 60_000L));
    }
    windows.sort(Comparator.comparing(EngagementWindow::getWindowStart));
    List<AttributedConversion> orders = new ArrayList<>();
    for (int order = 0; order < 15; order++) {
      orders.add(
          promoOrder(
              "c1", "order-" + order, "wanjiku", "WANJIKU25", DAY0 + 5 * HOUR + order * 60_000L));
    }
    List<ReferralLink> links = List.of(link("c1", "murugi", DAY0, DAY0 + 40 * HOUR));

    List<AiTrigger> triggers = run(windows, orders, links);

    assertThat(triggers)
        .allSatisfy(
            trigger -> {
              assertThat(trigger.getCampaignId()).isEqualTo("c1");
              assertThat(trigger.getBrandId()).isEqualTo("brand-1");
            });
    assertThat(triggers).extracting(AiTrigger::getTriggerId).doesNotHaveDuplicates();
    assertThat(triggers)
        .extracting(AiTrigger::getKind)
        .containsAll(List.of(AiTriggerKind.values()));
    assertThat(triggers)
        .filteredOn(trigger -> trigger.getKind() == AiTriggerKind.CLICK_SPIKE)
        .singleElement()
        .satisfies(
            trigger -> {
              assertThat(trigger.getTriggerId()).isEqualTo("c1:CLICK_SPIKE:" + DAY0);
              assertThat(trigger.getHeadline())
                  .isEqualTo(
                      "Clicks spiked to 420 in the last hour (10.5x the 24-hour average of 40.1)");
            });
    assertThat(triggers)
        .filteredOn(trigger -> trigger.getKind() == AiTriggerKind.PROMO_CODE_LEAK)
        .first()
        .extracting(AiTrigger::getHeadline)
        .isEqualTo(
            "Promo code WANJIKU25 was redeemed 15 times against 1 link clicks in the last 24 hours:"
                + " possible leak to coupon sites");
  }

  private static List<AiTrigger> run(
      List<EngagementWindow> windows, List<AttributedConversion> orders, List<ReferralLink> links)
      throws Exception {
    Configuration configuration = new Configuration();
    configuration.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.configure(configuration);
    env.setParallelism(2);
    env.setMaxParallelism(CONFIG.kafka().maxParallelism());
    DataStream<EngagementWindow> windowStream =
        env.fromData(windows, AvroTypes.of(EngagementWindow.class))
            .setParallelism(1)
            .assignTimestampsAndWatermarks(
                AiTriggerJob.watermarks(CONFIG, AiTriggerJob::windowTime))
            .setParallelism(1);
    DataStream<AttributedConversion> orderStream =
        env.fromData(orders, AvroTypes.of(AttributedConversion.class))
            .setParallelism(1)
            .assignTimestampsAndWatermarks(
                AiTriggerJob.watermarks(CONFIG, AiTriggerJob::attributionTime))
            .setParallelism(1);
    DataStream<ReferralLink> linkStream =
        env.fromData(links, AvroTypes.of(ReferralLink.class))
            .setParallelism(1)
            .assignTimestampsAndWatermarks(AiTriggerJob.watermarks(CONFIG, AiTriggerJob::linkTime))
            .setParallelism(1);
    List<CloseableIterator<AiTrigger>> out = new ArrayList<>();
    AiTriggerJob.defineWorkflow(
        env,
        CONFIG,
        windowStream,
        orderStream,
        linkStream,
        stream -> out.add(stream.collectAsync()));
    env.executeAsync("ai-trigger-pipeline-test");
    List<AiTrigger> triggers = new ArrayList<>();
    try (CloseableIterator<AiTrigger> iterator = out.get(0)) {
      iterator.forEachRemaining(triggers::add);
    }
    return triggers;
  }
}
