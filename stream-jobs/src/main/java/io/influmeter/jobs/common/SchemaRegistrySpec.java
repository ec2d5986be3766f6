package io.influmeter.jobs.common;

import io.influmeter.schemas.registry.SchemaRegistries;
import io.influmeter.schemas.registry.SchemaRegistry;
import java.io.Serializable;

/**
 * Which schema registry a task should build in its {@code open()}: the registry clients are not
 * serializable, so only this travels with the job graph. The built-in registry's ids are
 * deterministic, so every task building its own agrees with every other process.
 *
 * @param url Confluent-compatible registry URL, or null for the built-in registry
 */
public record SchemaRegistrySpec(String url) implements Serializable {

  /** The built-in registry (no server). */
  public static SchemaRegistrySpec builtIn() {
    return new SchemaRegistrySpec(null);
  }

  /** A new registry client; call from {@code open()}, once per task. */
  public SchemaRegistry create() {
    return SchemaRegistries.fromUrl(url);
  }
}
