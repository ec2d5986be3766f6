package io.influmeter.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.ingest.redirect.UserAgents;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The demo's browsers and bots are what ingest's own bot detection takes them for. */
class ShopperAgentsTest {

  @Test
  void everyHumanAgentPassesIngestsBotDetection() {
    assertThat(ShopperAgents.HUMANS)
        .allSatisfy(agent -> assertThat(UserAgents.botReason(agent, false)).isNull());
  }

  @Test
  void everyBotAgentIsFlaggedByIngest() {
    assertThat(ShopperAgents.BOTS)
        .allSatisfy(agent -> assertThat(UserAgents.botReason(agent, false)).isNotNull());
  }

  @Test
  void mostHumanClicksComeFromPhones() {
    Random random = new Random(7);
    int phones = 0;
    for (int i = 0; i < 4_000; i++) {
      if ("mobile".equals(UserAgents.parse(ShopperAgents.human(random)).device())) {
        phones++;
      }
    }
    assertThat(phones).isBetween(3_000, 3_800);
  }
}
