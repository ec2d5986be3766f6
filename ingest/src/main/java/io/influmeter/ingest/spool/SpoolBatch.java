package io.influmeter.ingest.spool;

import java.util.List;

/**
 * Records read from the spool in append order, and the position just after the last of them.
 *
 * @param records the records, immutable
 * @param next where the next read starts; acknowledge it once every record is in Kafka
 */
public record SpoolBatch(List<SpoolBatch.Spooled> records, SpoolPosition next) {

  /** A record and the position it was appended at. */
  public record Spooled(SpoolPosition position, OutboundRecord record) {}

  public SpoolBatch {
    records = List.copyOf(records);
  }

  public boolean isEmpty() {
    return records.isEmpty();
  }
}
