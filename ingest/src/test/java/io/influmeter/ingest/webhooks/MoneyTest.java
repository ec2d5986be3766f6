package io.influmeter.ingest.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

  @ParameterizedTest
  @CsvSource({
    "199.99,USD,19999",
    "0.1,EUR,10",
    "1500,JPY,1500",
    "1.234,KWD,1234",
    "10,usd,1000",
    "0.30,USD,30"
  })
  void amountsBecomeExactMinorUnits(String amount, String currency, long minor) throws Exception {
    assertThat(Money.toMinorUnits(new BigDecimal(amount), currency)).isEqualTo(minor);
  }

  @ParameterizedTest
  @CsvSource({"1.999,USD", "10.5,JPY", "-1,USD", "1,XYZ", "1,XXX", "99999999999999999999,USD"})
  void inexactNegativeOrUnknownAmountsAreMalformed(String amount, String currency) {
    assertThatThrownBy(() -> Money.toMinorUnits(new BigDecimal(amount), currency))
        .isInstanceOf(MalformedWebhookException.class);
  }
}
