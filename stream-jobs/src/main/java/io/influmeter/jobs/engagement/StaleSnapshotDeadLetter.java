package io.influmeter.jobs.engagement;

import io.influmeter.events.SocialMetricSnapshot;
import io.influmeter.jobs.common.DeadLetter;
import io.influmeter.jobs.common.DeadLetterEncoder;
import io.influmeter.jobs.common.SchemaRegistrySpec;
import io.influmeter.schemas.Topics;
import java.time.Instant;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A snapshot older than the last one applied for its account, as a dead letter of {@code
 * social.metrics} holding its wire-format bytes. Stateless.
 */
public class StaleSnapshotDeadLetter implements MapFunction<SocialMetricSnapshot, DeadLetter> {

  public static final String STAGE = "social-delta";

  private final DeadLetterEncoder<SocialMetricSnapshot> encoder;

  /** Dead letters of {@code socialMetricsTopic} (normally {@code social.metrics}). */
  public StaleSnapshotDeadLetter(String socialMetricsTopic, SchemaRegistrySpec registry) {
    this.encoder =
        new DeadLetterEncoder<>(socialMetricsTopic, SocialMetricSnapshot.class, registry);
  }

  @Override
  public DeadLetter map(SocialMetricSnapshot snapshot) {
    return encoder.reject(
        snapshot,
        Topics.keyOf(snapshot),
        STAGE,
        "stale snapshot: not newer than the last one applied for this account",
        Instant.now());
  }
}
