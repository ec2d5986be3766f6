package io.influmeter.jobs.engagement;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.SocialMetricSnapshot;
import io.influmeter.schemas.serde.TrustedEventClasses;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.util.OutputTag;

/**
 * Every state descriptor and output tag of the EngagementJob, in one place: their names are part of
 * the savepoint format, so renaming one loses that state on restore.
 */
public final class EngagementState {

  static {
    // Flink's Avro serializer instantiates our generated classes: Avro 1.12 must trust them first.
    TrustedEventClasses.install();
  }

  public static final TypeInformation<EngagementContribution> CONTRIBUTION_TYPE =
      Types.POJO(EngagementContribution.class);

  public static final TypeInformation<WindowAccumulator> ACCUMULATOR_TYPE =
      Types.POJO(WindowAccumulator.class);

  public static final TypeInformation<RejectedContribution> REJECTED_TYPE =
      Types.POJO(RejectedContribution.class);

  /**
   * One-minute windows of a row, by window start. Each accumulator carries its window's distinct
   * visitors, so a contribution costs one state lookup per window size and a window is dropped with
   * one removal. Designed for the heap state backend ({@code JobEnvironments} sets it), where an
   * accumulator is updated in place; on RocksDB each update would rewrite the visitor set. The set
   * is a {@code long[]} of hashes, so the backend's copy-on-write after a checkpoint copies arrays,
   * not maps of strings.
   */
  public static final MapStateDescriptor<Long, WindowAccumulator> MINUTE_WINDOWS =
      new MapStateDescriptor<>("minute-windows", Types.LONG, ACCUMULATOR_TYPE);

  /** One-hour windows of a row, by window start. */
  public static final MapStateDescriptor<Long, WindowAccumulator> HOUR_WINDOWS =
      new MapStateDescriptor<>("hour-windows", Types.LONG, ACCUMULATOR_TYPE);

  /** Processing time of the pending early-firing timer of a row; null when none is pending. */
  public static final ValueStateDescriptor<Long> EARLY_FIRING_AT =
      new ValueStateDescriptor<>("early-firing-at", Types.LONG);

  /** Last applied state of an attributed order (its credits, amounts and revision). */
  public static final ValueStateDescriptor<AttributedConversion> LAST_ATTRIBUTION =
      new ValueStateDescriptor<>(
          "last-attribution", new AvroTypeInfo<>(AttributedConversion.class));

  /** Last snapshot of a social account (or piece of content), the base of the next delta. */
  public static final ValueStateDescriptor<SocialMetricSnapshot> LAST_SNAPSHOT =
      new ValueStateDescriptor<>("last-snapshot", new AvroTypeInfo<>(SocialMetricSnapshot.class));

  /** Contributions too late for their window, or in a currency other than the window's. */
  public static final OutputTag<RejectedContribution> REJECTED =
      new OutputTag<>("engagement-rejected", REJECTED_TYPE);

  /** Snapshots older than the last one applied for the same account (a poller replayed them). */
  public static final OutputTag<SocialMetricSnapshot> STALE_SNAPSHOTS =
      new OutputTag<>("stale-snapshots", new AvroTypeInfo<>(SocialMetricSnapshot.class));

  private EngagementState() {}
}
