package io.influmeter.jobs.triggers;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A campaign's commission budget in minor units of a currency. The records carry no budget (not
 * {@code ReferralLink}, not {@code AttributedConversion}), so the AiTriggerJob reads budgets from
 * configuration until a campaigns topic carries them.
 *
 * @param amountMinor budget in minor units
 * @param currency ISO 4217 currency
 */
public record CampaignBudget(long amountMinor, String currency) implements Serializable {

  /**
   * Parses {@code campaignA=500000 KES,campaignB=120000 USD}.
   *
   * @throws IllegalArgumentException naming the bad entry
   */
  public static Map<String, CampaignBudget> parseAll(String text) {
    Map<String, CampaignBudget> budgets = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return Map.of();
    }
    for (String entry : text.split(",")) {
      String[] parts = entry.trim().split("=", 2);
      String[] amount = parts.length == 2 ? parts[1].trim().split("\\s+") : new String[0];
      if (parts[0].isBlank() || amount.length != 2 || !amount[1].matches("[A-Za-z]{3}")) {
        throw new IllegalArgumentException("bad budget '" + entry.trim() + "'");
      }
      long minor = Long.parseLong(amount[0]);
      if (minor <= 0) {
        throw new IllegalArgumentException("bad budget '" + entry.trim() + "'");
      }
      budgets.put(parts[0].trim(), new CampaignBudget(minor, amount[1].toUpperCase(Locale.ROOT)));
    }
    return Map.copyOf(budgets);
  }
}
