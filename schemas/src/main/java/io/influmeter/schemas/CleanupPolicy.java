package io.influmeter.schemas;

/** Kafka {@code cleanup.policy} of a topic. */
public enum CleanupPolicy {
  /** Segments older than the retention are deleted: event streams. */
  DELETE("delete"),
  /** Only the latest value per key is kept: current-state tables; a null value deletes the key. */
  COMPACT("compact");

  private final String configValue;

  CleanupPolicy(String configValue) {
    this.configValue = configValue;
  }

  /** The value of the {@code cleanup.policy} topic config. */
  public String configValue() {
    return configValue;
  }
}
