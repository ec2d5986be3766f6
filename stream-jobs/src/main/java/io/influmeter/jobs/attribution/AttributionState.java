package io.influmeter.jobs.attribution;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ReferralLink;
import io.influmeter.jobs.common.AvroTypes;
import io.influmeter.jobs.common.CommonTags;
import io.influmeter.jobs.common.CompactStringSerializer;
import io.influmeter.jobs.common.DeadLetter;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.OutputTag;

/**
 * Every state descriptor and output tag of the attribution job, in one place: their names are part
 * of the savepoint format, so renaming one loses that state.
 */
public final class AttributionState {

  static {
    io.influmeter.schemas.serde.TrustedEventClasses.install();
  }

  public static final TypeInformation<ClickTouch> CLICK_TOUCH = ClickTouchSerializer.TYPE;

  /** Keys and map keys that are long strings (click ids, order keys, event ids). */
  private static final TypeInformation<String> KEY = CompactStringSerializer.TYPE;

  public static final TypeInformation<ConversionInput> CONVERSION_INPUT =
      TypeInformation.of(ConversionInput.class);
  public static final TypeInformation<ConversionEvent> CONVERSION_EVENT =
      AvroTypes.of(ConversionEvent.class);
  public static final TypeInformation<AttributedConversion> ATTRIBUTED =
      AvroTypes.of(AttributedConversion.class);
  public static final TypeInformation<ReferralLink> REFERRAL_LINK =
      AvroTypes.of(ReferralLink.class);

  // VisitorJourneyFunction (key: visitor tag)
  public static final MapStateDescriptor<String, ClickTouch> VISITOR_TOUCHES =
      new MapStateDescriptor<>("visitor-touches", KEY, CLICK_TOUCH);

  /**
   * When the visitor's clicks expire, when the oldest was made, and when the cleanup timer is set
   * (indexes in {@link VisitorJourneyFunction}).
   */
  public static final ValueStateDescriptor<long[]> VISITOR_JOURNEY_TIMES =
      new ValueStateDescriptor<>(
          "visitor-journey-times", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

  public static final ListStateDescriptor<ConversionInput> ORDERS_AWAITING_JOURNEY =
      new ListStateDescriptor<>("orders-awaiting-journey", CONVERSION_INPUT);

  // AttributionFunction (key: storeId:orderId)
  public static final ValueStateDescriptor<ConversionInput> PENDING_ORDER =
      new ValueStateDescriptor<>("pending-order", CONVERSION_INPUT);
  public static final ValueStateDescriptor<OrderState> ORDER =
      new ValueStateDescriptor<>("order", TypeInformation.of(OrderState.class));
  public static final MapStateDescriptor<String, ConversionEvent> PENDING_ADJUSTMENTS =
      new MapStateDescriptor<>("pending-adjustments", KEY, CONVERSION_EVENT);
  public static final MapStateDescriptor<String, Boolean> APPLIED_ADJUSTMENTS =
      new MapStateDescriptor<>("applied-adjustments", KEY, Types.BOOLEAN);

  // Broadcast state of AttributionFunction: every link by id, and link ids by brand:PROMOCODE.
  public static final MapStateDescriptor<String, ReferralLink> LINKS_BY_ID =
      new MapStateDescriptor<>("links-by-id", Types.STRING, REFERRAL_LINK);
  public static final MapStateDescriptor<String, String> LINK_IDS_BY_PROMO_CODE =
      new MapStateDescriptor<>("link-ids-by-promo-code", Types.STRING, Types.STRING);

  /** Each change of an order as a delta (amounts = new - old), for auditing. */
  public static final OutputTag<AttributedConversion> LEDGER =
      new OutputTag<>("attribution-ledger", ATTRIBUTED);

  /** Late and out-of-policy conversions, and orphaned refunds: to {@code conversions.dlq}. */
  public static final OutputTag<DeadLetter> REJECTED = CommonTags.DEAD_LETTERS;

  private AttributionState() {}
}
