package io.influmeter.ingest.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationsTest {

  @Test
  void parametersAreAppendedEncodedKeepingTheQueryAndFragment() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("utm_source", "instagram & tiktok");
    parameters.put("im_click", "abc");

    String url =
        Destinations.withParameters("https://shop.example/a?b=1&utm_source=old#frag", parameters);

    assertThat(url)
        .isEqualTo("https://shop.example/a?b=1&utm_source=instagram+%26+tiktok&im_click=abc#frag");
  }

  @Test
  void injectedValuesCannotChangeTheHostOrPath() {
    String url =
        Destinations.withParameters(
            "https://shop.example/p", Map.of("utm_source", "x@evil.example/#//evil.example?"));

    assertThat(url)
        .startsWith("https://shop.example/p?utm_source=")
        .doesNotContain("#")
        .doesNotContain("/evil");
  }

  @Test
  void aDestinationWithoutQueryGetsOne() {
    assertThat(Destinations.withParameters("https://shop.example", Map.of("im_click", "c")))
        .isEqualTo("https://shop.example?im_click=c");
  }
}
