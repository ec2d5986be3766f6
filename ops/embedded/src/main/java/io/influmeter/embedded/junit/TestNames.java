package io.influmeter.embedded.junit;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Names that keep tests apart on shared services: topics, consumer groups, databases. */
public final class TestNames {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private TestNames() {}

  /**
   * {@code prefix} plus a per-JVM counter, valid as a topic, group and PostgreSQL database name
   * (lower case, digits and underscores), e.g. {@code clicks_7}.
   */
  public static String unique(String prefix) {
    String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return clean + "_" + ProcessHandle.current().pid() % 100_000 + "_" + COUNTER.incrementAndGet();
  }
}
