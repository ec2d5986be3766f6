package io.influmeter.jobs.attribution;

import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ConversionKind;
import io.influmeter.schemas.Topics;

/**
 * A conversion event on its way to {@link AttributionFunction}, with what the click stages learnt
 * about it: the click its id names ({@code click}, null when unknown or not looked up) and the
 * visitor's earlier touches ({@code journey}, empty when unknown). A Flink POJO.
 */
public class ConversionInput {

  public ConversionEvent event;
  public ClickTouch click;
  public ClickTouch[] journey = new ClickTouch[0];

  public ConversionInput() {}

  /** A conversion that has not been through the click stages. */
  public static ConversionInput of(ConversionEvent event) {
    ConversionInput input = new ConversionInput();
    input.event = event;
    return input;
  }

  /** True for an ORDER that names a click: it goes through the click stages first. */
  public boolean isOrderWithClickId() {
    return event.getKind() == ConversionKind.ORDER && event.getClickId() != null;
  }

  /** The {@code storeId:orderId} key. */
  public String orderKey() {
    return Topics.conversionKey(event.getStoreId(), event.getOrderId());
  }

  @Override
  public String toString() {
    return "ConversionInput{" + event.getEventId() + ", click=" + click + "}";
  }
}
