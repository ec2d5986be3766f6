package io.influmeter.ingest.spool;

import java.nio.file.Path;

/** One segment file: appended by the writer thread, read by the relay up to its durable end. */
final class Segment {

  final long sequence;
  final Path path;
  // Bytes known to be on disk (fsynced, or present at startup); readers never go past it.
  volatile long durableEnd;
  // Closed segments get no more appends: once the relay passes their end they can be deleted.
  volatile boolean closed;
  volatile boolean tailReported;

  Segment(long sequence, Path path, long durableEnd, boolean closed) {
    this.sequence = sequence;
    this.path = path;
    this.durableEnd = durableEnd;
    this.closed = closed;
  }

  static String fileName(long sequence) {
    return String.format("%020d%s", sequence, Spool.SEGMENT_SUFFIX);
  }
}
