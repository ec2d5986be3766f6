package io.influmeter.embedded;

/**
 * A service the local stack and the tests start in-process. Closing it stops it and keeps its data.
 */
public interface EmbeddedService extends AutoCloseable {

  /** Short name for progress output, e.g. {@code "kafka"}. */
  String name();

  /** Where clients reach it, e.g. {@code 127.0.0.1:9092} or a URL. */
  String address();

  @Override
  void close();
}
