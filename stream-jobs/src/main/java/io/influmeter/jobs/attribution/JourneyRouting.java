package io.influmeter.jobs.attribution;

import io.influmeter.events.ConversionEvent;
import io.influmeter.events.ConversionKind;
import io.influmeter.schemas.ClickId;
import io.influmeter.schemas.ClickIdKeys;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Turns conversions into {@link ConversionInput}s and tells which ORDERs go through a visitor's
 * journey: those whose click id verifies and names a visitor (the id carries the visitor's tag).
 * Anything else (no id, a forged or unknown-key id, a version 1 id, a click without a visitor) goes
 * straight to attribution, which checks the id again and decides.
 */
public class JourneyRouting extends RichMapFunction<ConversionEvent, ConversionInput> {

  private static final long serialVersionUID = 1L;

  private final String clickIdSecrets;
  private transient ClickIdKeys keys;

  /**
   * @param clickIdSecrets {@code ClickIdKeys} configuration ({@code id:base64[,...]})
   */
  public JourneyRouting(String clickIdSecrets) {
    this.clickIdSecrets = clickIdSecrets;
  }

  @Override
  public void open(OpenContext openContext) {
    keys = ClickIdKeys.parse(clickIdSecrets);
  }

  @Override
  public ConversionInput map(ConversionEvent event) {
    ConversionInput input = ConversionInput.of(event);
    if (event.getKind() == ConversionKind.ORDER && event.getClickId() != null) {
      input.visitorTag =
          ClickId.verify(event.getClickId(), keys)
              .map(ClickId.Verified::visitorTag)
              .orElse(ClickId.NO_VISITOR);
    }
    return input;
  }
}
