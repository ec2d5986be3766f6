package io.influmeter.ingest.spool;

/**
 * A place in the spool: a segment's sequence number and a byte offset inside it.
 *
 * @param segment segment sequence number
 * @param offset byte offset of the next record in that segment
 */
public record SpoolPosition(long segment, long offset) implements Comparable<SpoolPosition> {

  /** The very beginning, before any segment. */
  public static final SpoolPosition START = new SpoolPosition(0, 0);

  @Override
  public int compareTo(SpoolPosition other) {
    int bySegment = Long.compare(segment, other.segment);
    return bySegment != 0 ? bySegment : Long.compare(offset, other.offset);
  }
}
