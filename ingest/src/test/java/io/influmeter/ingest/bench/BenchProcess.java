package io.influmeter.ingest.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A benchmark part in a JVM of its own (broker, ingest, bare server), as a deployment runs them: no
 * shared heap, GC or JIT with the load generator or with each other. The child prints {@code READY
 * <value>} once it serves and exits when its stdin closes, so it never outlives the benchmark. Its
 * output goes to a log file beside the benchmark's data.
 */
final class BenchProcess implements AutoCloseable {

  static final String READY = "READY ";
  // USER_HZ: 100 on Linux for every architecture the JDK runs on.
  private static final long CLOCK_TICKS = 100;

  private final String name;
  private final Process process;
  private final CompletableFuture<String> ready = new CompletableFuture<>();

  private BenchProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    Thread pump = new Thread(() -> pump(log), name + "-output");
    pump.setDaemon(true);
    pump.start();
  }

  /** Starts {@code main} with the benchmark's own classpath. */
  static BenchProcess start(
      String name,
      List<String> jvmOptions,
      Map<String, String> env,
      Path log,
      Class<?> main,
      String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath());
    command.add(main.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      Files.createDirectories(log.getParent());
      return new BenchProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** Waits for the child's {@code READY} line and returns what follows it. */
  String awaitReady(Duration timeout) throws InterruptedException {
    try {
      return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(name + " did not start (see its log)", e);
    }
  }

  /** CPU time (user + system) the child used so far, from /proc (Linux), in microseconds. */
  long cpuMicros() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields[0] is the state (field 3 of proc(5)): utime and stime are fields 14 and 15.
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 1_000_000L / CLOCK_TICKS;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private void pump(Path log) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintStream out =
            new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.println(line);
        if (line.startsWith(READY)) {
          ready.complete(line.substring(READY.length()).trim());
        }
      }
    } catch (IOException e) {
      // the child went away: its log says why
    } finally {
      ready.completeExceptionally(new IllegalStateException(name + " exited"));
    }
  }

  /**
   * exec:java runs us in a class loader of the project's classpath (java.class.path is Maven's own
   * launcher then); a plain java launch has it in java.class.path.
   */
  private static String classpath() {
    if (BenchProcess.class.getClassLoader() instanceof URLClassLoader loader) {
      List<String> entries = new ArrayList<>();
      for (URL url : loader.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException e) {
          throw new IllegalStateException(e);
        }
      }
      return String.join(File.pathSeparator, entries);
    }
    return System.getProperty("java.class.path");
  }

  /** For a child's main: blocks until the parent closes our stdin (or dies). */
  static void awaitParentGone() {
    try {
      while (System.in.read() >= 0) {
        // discard
      }
    } catch (IOException e) {
      // parent gone
    }
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
