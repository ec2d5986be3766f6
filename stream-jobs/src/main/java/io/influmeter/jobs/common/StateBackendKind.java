package io.influmeter.jobs.common;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;

/**
 * Where a job keeps its keyed state, chosen per job ({@code P + STATE_BACKEND}).
 *
 * <ul>
 *   <li>{@link #HASHMAP}: objects on the heap; cheapest per access, but every checkpoint writes the
 *       whole state and the state must fit the heap. Right for small state updated in place (the
 *       engagement windows' visitor sets).
 *   <li>{@link #ROCKSDB}: serialized in embedded RocksDB (native library, off heap, spills to local
 *       disk) with <b>incremental</b> checkpoints: a checkpoint uploads only the files written
 *       since the last one. Right for large, mostly cold state (the attribution job keeps every
 *       click for the longest lookback).
 * </ul>
 */
public enum StateBackendKind {
  HASHMAP("hashmap", false),
  ROCKSDB("rocksdb", true);

  private final String flinkName;
  private final boolean incremental;

  StateBackendKind(String flinkName, boolean incremental) {
    this.flinkName = flinkName;
    this.incremental = incremental;
  }

  /** Sets the backend (and whether checkpoints are incremental) in {@code configuration}. */
  void applyTo(Configuration configuration) {
    configuration.set(StateBackendOptions.STATE_BACKEND, flinkName);
    configuration.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, incremental);
  }
}
