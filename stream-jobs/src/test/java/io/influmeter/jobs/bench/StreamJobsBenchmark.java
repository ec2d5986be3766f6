package io.influmeter.jobs.bench;

import io.influmeter.jobs.attribution.AttributionJobBenchmark;
import io.influmeter.jobs.engagement.EngagementJobBenchmark;
import java.util.Arrays;
import java.util.Map;

/**
 * The one launcher of the stream-jobs benchmarks: {@code attribution} or {@code engagement},
 * followed by {@code key=value} options (see each benchmark's javadoc). Started by {@code
 * stream-jobs/benchmark <job> [key=value...]}, which builds the test classpath and runs this class
 * in its own JVM.
 */
public final class StreamJobsBenchmark {

  private StreamJobsBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: benchmark attribution|engagement [key=value...]");
      System.exit(2);
    }
    Map<String, String> options = Bench.options(Arrays.copyOfRange(args, 1, args.length));
    String row =
        switch (args[0]) {
          case "attribution" -> AttributionJobBenchmark.run(options);
          case "engagement" -> EngagementJobBenchmark.run(options);
          default -> throw new IllegalArgumentException("unknown benchmark: " + args[0]);
        };
    System.out.println();
    System.out.println(
        "| job | events | events/s | pass-through events/s | ratio | parallelism | click -> row"
            + " latency p50 / p99 (at rate) | state per 1M keys | key sweep (events/s) |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    System.out.println(row);
    // The embedded broker and MiniCluster threads are not daemons.
    System.exit(0);
  }
}
