package io.influmeter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

  @Test
  void defaultsApplyWhenNothingIsGiven() {
    LocalStackOptions options = LocalStackOptions.parse(new String[0], Map.of());
    assertThat(options.dataDirectory()).isEqualTo(Path.of(".influmeter"));
    assertThat(options.fresh()).isFalse();
    assertThat(options.kafkaPort()).isEqualTo(9092);
    assertThat(options.postgresPort()).isEqualTo(5433);
    assertThat(options.connectPlugins()).isEqualTo(Path.of("ops/local/target/connect-plugins"));
  }

  @Test
  void flagsWinOverTheEnvironmentAndBothFormsOfFlagWork() {
    LocalStackOptions options =
        LocalStackOptions.parse(
            new String[] {"--kafka-port", "19092", "--connect-port=18083", "--fresh"},
            Map.of(
                "KAFKA_PORT",
                "29092",
                "FLINK_PORT",
                "18081",
                "INFLUMETER_DATA_DIR",
                "/data/im",
                "CONNECT_PLUGIN_PATH",
                "/opt/connect-plugins"));
    assertThat(options.kafkaPort()).isEqualTo(19092);
    assertThat(options.connectPort()).isEqualTo(18083);
    assertThat(options.flinkPort()).isEqualTo(18081);
    assertThat(options.dataDirectory()).isEqualTo(Path.of("/data/im"));
    assertThat(options.fresh()).isTrue();
    assertThat(options.connectPlugins()).isEqualTo(Path.of("/opt/connect-plugins"));
  }

  @Test
  void everyBadOptionIsReportedInOneMessage() {
    assertThatThrownBy(
            () ->
                LocalStackOptions.parse(
                    new String[] {
                      "--kafka-port", "ninety", "--bogus", "x", "--flink-port", "70000"
                    },
                    Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--kafka-port (or KAFKA_PORT) is not a number: ninety")
        .hasMessageContaining("unknown option --bogus")
        .hasMessageContaining("--flink-port must be a port from 0 to 65535, not 70000");
  }

  @Test
  void aFlagWithoutItsValueIsAnError() {
    assertThatThrownBy(() -> LocalStackOptions.parse(new String[] {"--data-dir"}, Map.of()))
        .hasMessageContaining("--data-dir needs a value");
  }

  @Test
  void demoModeIsOffUnlessTheFlagOrTheEnvironmentTurnsItOn() {
    assertThat(LocalStackOptions.parse(new String[0], Map.of()).demo()).isFalse();
    assertThat(LocalStackOptions.parse(new String[0], Map.of()).demoRate()).isEqualTo(2.0);
    assertThat(LocalStackOptions.parse(new String[] {"--demo"}, Map.of()).demo()).isTrue();
    assertThat(LocalStackOptions.parse(new String[0], Map.of("INFLUMETER_DEMO", "1")).demo())
        .isTrue();
    assertThat(LocalStackOptions.parse(new String[0], Map.of("INFLUMETER_DEMO", "0")).demo())
        .isFalse();
    LocalStackOptions fast =
        LocalStackOptions.parse(
            new String[] {"--demo", "--demo-rate", "12.5"}, Map.of("INFLUMETER_DEMO_RATE", "3"));
    assertThat(fast.demoRate()).isEqualTo(12.5);
    assertThat(
            LocalStackOptions.parse(new String[0], Map.of("INFLUMETER_DEMO_RATE", "3")).demoRate())
        .isEqualTo(3.0);
  }

  @Test
  void aDemoRateThatIsNotAPositiveNumberIsRefused() {
    assertThatThrownBy(() -> LocalStackOptions.parse(new String[] {"--demo-rate", "0"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--demo-rate (or INFLUMETER_DEMO_RATE) must be clicks per second");
    assertThatThrownBy(() -> LocalStackOptions.parse(new String[] {"--demo-rate=fast"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not fast");
  }

  @Test
  void theCheckpointIntervalDefaultsToTwoSecondsAndMustBeADuration() {
    assertThat(LocalStackOptions.parse(new String[0], Map.of()).checkpointInterval())
        .isEqualTo("2s");
    assertThat(
            LocalStackOptions.parse(
                    new String[] {"--checkpoint-interval", "500ms"},
                    Map.of("INFLUMETER_CHECKPOINT_INTERVAL", "10s"))
                .checkpointInterval())
        .isEqualTo("500ms");
    assertThatThrownBy(
            () -> LocalStackOptions.parse(new String[] {"--checkpoint-interval=soon"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--checkpoint-interval (or INFLUMETER_CHECKPOINT_INTERVAL)")
        .hasMessageContaining("not soon");
  }
}
