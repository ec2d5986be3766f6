package io.influmeter.api.insights;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes a decimal as a plain JSON number ({@code 0.00000000}, never {@code 0E-8}), exact to its
 * scale: costs are money.
 */
final class PlainDecimalSerializer extends StdSerializer<BigDecimal> {
  private static final long serialVersionUID = 1L;

  PlainDecimalSerializer() {
    super(BigDecimal.class);
  }

  @Override
  public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    gen.writeNumber(value.toPlainString());
  }
}
