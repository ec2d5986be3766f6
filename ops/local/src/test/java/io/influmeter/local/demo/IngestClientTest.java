package io.influmeter.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IngestClientTest {

  @Test
  void theClickIdIsReadFromTheRedirectTargetBesideOtherParameters() {
    assertThat(
            IngestClient.clickId(
                "https://shop.example.test/festive?utm_source=influmeter&im_click=AbC-12_x&utm_medium=x"))
        .isEqualTo("AbC-12_x");
  }

  @Test
  void aTargetWithoutAClickIdHasNone() {
    assertThat(IngestClient.clickId("https://shop.example.test/festive?utm_source=a")).isNull();
    assertThat(IngestClient.clickId("https://shop.example.test/festive")).isNull();
  }
}
