package io.influmeter.ingest.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserAgentsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Instagram 321.0|mobile|iOS|Instagram",
        "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36|mobile|Android|Chrome",
        "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1|tablet|iOS|Safari",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0|desktop|Windows|Edge",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1; rv:132.0) Gecko/20100101 Firefox/132.0|desktop|macOS|Firefox",
        "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 musical_ly_2023 Mobile Safari/537.36|mobile|Android|TikTok",
      })
  void familiesAreParsed(String userAgent, String device, String os, String browser) {
    UserAgents.Parsed parsed = UserAgents.parse(userAgent);
    assertThat(parsed.device()).isEqualTo(device);
    assertThat(parsed.os()).isEqualTo(os);
    assertThat(parsed.browser()).isEqualTo(browser);
    assertThat(UserAgents.botReason(userAgent, false)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)|link-preview",
        "WhatsApp/2.23.20.0|link-preview",
        "Twitterbot/1.0|link-preview",
        "TelegramBot (like TwitterBot)|link-preview",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)|user-agent-list",
        "curl/8.5.0|user-agent-list",
        "python-requests/2.32|user-agent-list",
      })
  void botsAreFlaggedWithAReason(String userAgent, String reason) {
    assertThat(UserAgents.botReason(userAgent, false)).isEqualTo(reason);
  }

  @ParameterizedTest
  @CsvSource({"''", "'   '"})
  void anEmptyUserAgentIsABot(String userAgent) {
    assertThat(UserAgents.botReason(userAgent, false)).isEqualTo("empty-user-agent");
    assertThat(UserAgents.botReason("Mozilla/5.0", true)).isEqualTo("head-request");
  }
}
