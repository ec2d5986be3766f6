package io.influmeter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The start command as a user runs it: a separate JVM, its exit code and its stderr. */
class LocalStackMainIT {

  @Test
  void aTakenPortEndsTheCommandWithOneLineAndExitCodeTwo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Result result =
          run(
              "--data-dir",
              StackFixtures.dataDirectory("main-port").toString(),
              "--postgres-port",
              "0",
              "--connect-plugins",
              LocalStackOptions.testConnectPlugins().toString(),
              "--kafka-port",
              String.valueOf(port));
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.stderrLines())
          .containsExactly(
              "influmeter: port "
                  + port
                  + " for Kafka is already in use; stop whatever holds it or choose another with"
                  + " --kafka-port");
    }
  }

  @Test
  void missingConnectPluginsEndTheCommandWithOneLineNamingTheOptionAndExitCodeTwo()
      throws Exception {
    Path missing = StackFixtures.dataDirectory("no-plugins").resolve("plugins");
    Result result =
        run(
            "--data-dir",
            StackFixtures.dataDirectory("main-plugins").toString(),
            "--connect-plugins",
            missing.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderrLines())
        .containsExactly(
            "influmeter: Kafka Connect plugins not found in "
                + missing.toAbsolutePath().normalize()
                + " (./mvnw -pl ops/local -am package unpacks Debezium's bundles there);"
                + " choose another directory with --connect-plugins");
  }

  @Test
  void aBadOptionEndsTheCommandWithTheProblemAndTheUsage() throws Exception {
    Result result = run("--kafka-port", "abc");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderrLines().get(0))
        .isEqualTo("influmeter: --kafka-port (or KAFKA_PORT) is not a number: abc");
    assertThat(result.stderrLines().get(1)).startsWith("usage: influmeter");
  }

  private record Result(int exitCode, List<String> stderrLines) {}

  private static Result run(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LocalStackMain.class.getName()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command ends").isTrue();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    List<String> lines = stderr.lines().filter(line -> !line.isBlank()).toList();
    return new Result(process.exitValue(), lines);
  }
}
