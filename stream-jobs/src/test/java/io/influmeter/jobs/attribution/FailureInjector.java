package io.influmeter.jobs.attribution;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Passes records through and throws at random points until its failure budget is spent. The budget
 * is shared by every attempt of the job (a static counter: tasks of the MiniCluster live in this
 * JVM), so the job fails exactly {@code failures} times and then runs to the end.
 */
final class FailureInjector<T> implements MapFunction<T, T> {

  private static final long serialVersionUID = 1L;

  static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
  static final AtomicInteger FAILURES_THROWN = new AtomicInteger();

  private final long seed;
  private final int maxRecordsBeforeFailure;
  private transient Random random;
  private transient int countdown;

  FailureInjector(long seed, int maxRecordsBeforeFailure) {
    this.seed = seed;
    this.maxRecordsBeforeFailure = maxRecordsBeforeFailure;
  }

  /** Arms the injector for the next job. */
  static void arm(int failures) {
    FAILURES_LEFT.set(failures);
    FAILURES_THROWN.set(0);
  }

  @Override
  public T map(T value) {
    if (random == null) {
      random = new Random(seed + FAILURES_THROWN.get());
      countdown = 1 + random.nextInt(maxRecordsBeforeFailure);
    }
    if (--countdown == 0 && FAILURES_LEFT.getAndDecrement() > 0) {
      FAILURES_THROWN.incrementAndGet();
      throw new IllegalStateException("injected failure " + FAILURES_THROWN.get());
    }
    return value;
  }
}
