package io.influmeter.local;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/** Start-up progress on the console: which step runs, how long it took, where it answers. */
final class Progress {

  private final PrintStream out;
  private final int steps;
  private int step;

  Progress(PrintStream out, int steps) {
    this.out = out;
    this.steps = steps;
  }

  /** Runs one step, printing its name before and its duration and result after. */
  <T> T step(String name, Supplier<T> action, java.util.function.Function<T, String> describe) {
    step++;
    out.printf(Locale.ROOT, "[%d/%d] %-22s ", step, steps, name + " ...");
    out.flush();
    long started = System.nanoTime();
    T result = action.get();
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(Locale.ROOT, "%5.1f s  %s%n", seconds, describe.apply(result));
    return result;
  }
}
