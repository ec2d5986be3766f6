package io.influmeter.ingest.delivery;

/** How a record was made durable, as far as the request that sent it is concerned. */
public enum Delivery {
  /** Kafka acknowledged it ({@code acks=all}). */
  ACKED,
  /** Kafka did not answer within the budget; the record is fsynced in the local spool. */
  SPOOLED,
  /** Neither Kafka nor the spool took it (spool full or failing): the record is lost. */
  LOST;

  /** True when the record survives a crash of this process. */
  public boolean isDurable() {
    return switch (this) {
      case ACKED, SPOOLED -> true;
      case LOST -> false;
    };
  }
}
