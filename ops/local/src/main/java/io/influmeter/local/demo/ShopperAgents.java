package io.influmeter.local.demo;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * User agents of the demo's traffic: influencer traffic is mostly phones, much of it inside the
 * Instagram and TikTok in-app browsers, some desktop; and a share of bots and link-preview
 * fetchers, which ingest flags and the numbers exclude.
 */
public final class ShopperAgents {

  /** Browsers of people. */
  public static final List<String> HUMANS =
      List.of(
          "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
              + " (KHTML, like Gecko) Mobile/15E148 Instagram 334.0.4.32.98",
          "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/126.0.6478.122 Mobile Safari/537.36 Instagram 334.0.0.42.95 Android",
          "Mozilla/5.0 (Linux; Android 13; TECNO KJ5) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/125.0.6422.165 Mobile Safari/537.36 musical_ly_2023405020 BytedanceWebview",
          "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15"
              + " (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
          "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/126.0.0.0 Mobile Safari/537.36",
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/126.0.0.0 Safari/537.36",
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like"
              + " Gecko) Version/17.5 Safari/605.1.15",
          "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
              + " Version/17.5 Mobile/15E148 Safari/604.1");

  /** Crawlers, link previews and scripts. */
  public static final List<String> BOTS =
      List.of(
          "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
          "WhatsApp/2.23.20.0",
          "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
          "Twitterbot/1.0",
          "python-requests/2.32.3",
          "curl/8.8.0");

  private ShopperAgents() {}

  /** A person's browser, phones several times likelier than desktops. */
  public static String human(RandomGenerator random) {
    // The first five are phones: draw from them three times in four.
    return random.nextInt(4) < 3
        ? HUMANS.get(random.nextInt(5))
        : HUMANS.get(random.nextInt(HUMANS.size()));
  }

  public static String bot(RandomGenerator random) {
    return BOTS.get(random.nextInt(BOTS.size()));
  }
}
