package io.influmeter.jobs.attribution;

import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ConversionKind;
import io.influmeter.schemas.ClickId;
import io.influmeter.schemas.Topics;

/**
 * A conversion event on its way to {@link AttributionFunction}: the visitor its click id names
 * ({@code visitorTag}, set by {@link JourneyRouting} for ORDERs whose id verifies; {@link
 * ClickId#NO_VISITOR} otherwise) and, once through {@link VisitorJourneyFunction}, that visitor's
 * clicks ({@code journey}, empty when none). A Flink POJO.
 */
public class ConversionInput {

  public ConversionEvent event;
  public long visitorTag = ClickId.NO_VISITOR;
  public ClickTouch[] journey = new ClickTouch[0];

  public ConversionInput() {}

  /** A conversion that has not been through the click stages. */
  public static ConversionInput of(ConversionEvent event) {
    ConversionInput input = new ConversionInput();
    input.event = event;
    return input;
  }

  /** True for an ORDER whose verified click id names a visitor: it collects their journey first. */
  public boolean needsJourney() {
    return event.getKind() == ConversionKind.ORDER && visitorTag != ClickId.NO_VISITOR;
  }

  /** The {@code storeId:orderId} key. */
  public String orderKey() {
    return Topics.conversionKey(event.getStoreId(), event.getOrderId());
  }

  @Override
  public String toString() {
    return "ConversionInput{" + event.getEventId() + ", visitor=" + visitorTag + "}";
  }
}
