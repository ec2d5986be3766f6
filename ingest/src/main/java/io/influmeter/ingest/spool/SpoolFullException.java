package io.influmeter.ingest.spool;

/** The spool refused a record because it would exceed its configured size. */
public final class SpoolFullException extends RuntimeException {
  public SpoolFullException(long usedBytes, long maxBytes) {
    super("spool full: " + usedBytes + " of " + maxBytes + " bytes used");
  }
}
