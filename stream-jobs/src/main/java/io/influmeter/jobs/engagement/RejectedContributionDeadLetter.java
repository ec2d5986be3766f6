package io.influmeter.jobs.engagement;

import io.influmeter.jobs.common.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A rejected contribution as a dead letter of {@code engagement.windows} (topic {@code
 * engagement.windows.dlq}). A contribution is derived from a click, an order change or two
 * snapshots, so there are no original bytes to keep: the value is the contribution as text, the key
 * its row, the reason says which window it missed. Stateless.
 */
public class RejectedContributionDeadLetter
    implements MapFunction<RejectedContribution, DeadLetter> {

  public static final String STAGE = "engagement-window";

  private final String windowsTopic;

  /** Dead letters of {@code windowsTopic} (normally {@code engagement.windows}). */
  public RejectedContributionDeadLetter(String windowsTopic) {
    this.windowsTopic = windowsTopic;
  }

  @Override
  public DeadLetter map(RejectedContribution rejected) {
    EngagementContribution contribution = rejected.contribution;
    String window = rejected.granularity == null ? "any" : rejected.granularity;
    String reason =
        rejected.reason
            + ": "
            + window
            + " window of event time "
            + Instant.ofEpochMilli(contribution.eventTime);
    return DeadLetter.ofRejection(
        windowsTopic,
        contribution.rowKey(),
        contribution.toString().getBytes(StandardCharsets.UTF_8),
        STAGE,
        reason,
        Instant.now());
  }
}
