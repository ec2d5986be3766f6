package io.influmeter.jobs.attribution;

import io.influmeter.events.AttributedConversion;
import io.influmeter.events.ReferralLink;

/**
 * What {@link AttributionFunction} keeps per attributed order: its current state and the link whose
 * campaign rule prices it (null when unattributed), so refunds arriving months later are priced by
 * the rule the order was attributed under. A Flink POJO.
 */
public class OrderState {

  public AttributedConversion current;
  public ReferralLink link;

  public OrderState() {}

  public OrderState(AttributedConversion current, ReferralLink link) {
    this.current = current;
    this.link = link;
  }
}
