package io.influmeter.api.campaigns;

import io.influmeter.api.campaigns.Campaign.CampaignTerms;
import io.influmeter.api.campaigns.CampaignRequests.CampaignInput;
import io.influmeter.api.campaigns.CampaignRequests.CommissionInput;
import io.influmeter.api.http.Validation;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a complete {@link CampaignInput} into valid {@link CampaignTerms}, or fails with every bad
 * field at once (400 problem+json, {@code errors[].field} as in the JSON body).
 */
final class CampaignValidator {
  static final Set<String> OBJECTIVES = Set.of("AWARENESS", "TRAFFIC", "SALES");
  static final List<String> MODELS =
      List.of("LAST_CLICK", "FIRST_CLICK", "LINEAR", "TIME_DECAY", "POSITION_BASED");
  static final Set<String> UTM_KEYS =
      Set.of("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private CampaignValidator() {}

  static CampaignTerms validate(CampaignInput in) {
    var v = new Validation();
    v.required("name", in.name());
    if (in.name() != null && !in.name().isBlank()) {
      v.length("name", in.name(), 1, 200);
    }
    v.length("brief", in.brief(), 0, 10_000);
    v.required("objective", in.objective());
    v.check(
        in.objective() == null || OBJECTIVES.contains(in.objective()),
        "objective",
        "must be one of AWARENESS, TRAFFIC, SALES");
    Currency currency = Money.currency(in.currency()).orElse(null);
    v.required("currency", in.currency());
    v.check(
        in.currency() == null || currency != null,
        "currency",
        "must be an ISO 4217 code such as KES or USD");
    v.required("budget", in.budget());
    Long budgetMinor = amount(v, "budget", in.budget(), currency);
    v.required("startsAt", in.startsAt()).required("endsAt", in.endsAt());
    v.check(
        in.startsAt() == null || in.endsAt() == null || in.endsAt().isAfter(in.startsAt()),
        "endsAt",
        "must be after startsAt");
    v.required("commission", in.commission());
    Commission commission = commission(v, in.commission(), currency);
    int lookback = in.attributionLookbackDays() == null ? 30 : in.attributionLookbackDays();
    v.check(
        lookback >= 1 && lookback <= 365, "attributionLookbackDays", "must be from 1 to 365 days");
    String model = in.attributionModel() == null ? "LAST_CLICK" : in.attributionModel();
    v.check(
        MODELS.contains(model), "attributionModel", "must be one of " + String.join(", ", MODELS));
    TargetFilters filters = filters(v, in.targetFilters());
    v.required("landingUrl", in.landingUrl());
    httpUrl(v, "landingUrl", in.landingUrl());
    String fallback =
        in.fallbackUrl() == null || in.fallbackUrl().isEmpty() ? null : in.fallbackUrl();
    httpUrl(v, "fallbackUrl", fallback);
    Map<String, String> utm = in.utmTemplate() == null ? Map.of() : in.utmTemplate();
    utm.forEach(
        (key, value) -> {
          v.check(UTM_KEYS.contains(key), "utmTemplate." + key, "must be one of " + UTM_KEYS);
          v.check(
              value != null && !value.isBlank() && value.length() <= 200,
              "utmTemplate." + key,
              "must be 1 to 200 characters");
        });
    v.throwIfInvalid();
    return new CampaignTerms(
        in.name().strip(),
        in.brief() == null || in.brief().isEmpty() ? null : in.brief(),
        in.objective(),
        budgetMinor,
        in.currency(),
        in.startsAt(),
        in.endsAt(),
        commission,
        lookback,
        model,
        filters,
        in.landingUrl(),
        fallback,
        Map.copyOf(new LinkedHashMap<>(utm)),
        in.allowUtmPassthrough() != null && in.allowUtmPassthrough());
  }

  /** Minor units of a decimal-string amount, or null after recording what is wrong with it. */
  private static Long amount(Validation v, String field, String text, Currency currency) {
    if (text == null) {
      return null;
    }
    BigDecimal amount = Money.decimal(text).orElse(null);
    if (amount == null) {
      v.check(false, field, "must be a decimal string such as \"1500.00\"");
      return null;
    }
    if (currency == null) {
      return null;
    }
    Long minor = Money.toMinor(amount, currency).orElse(null);
    v.check(
        minor != null,
        field,
        "has more decimals than "
            + currency.getCurrencyCode()
            + " allows ("
            + currency.getDefaultFractionDigits()
            + ")");
    return minor;
  }

  private static Commission commission(Validation v, CommissionInput in, Currency currency) {
    if (in == null) {
      return null;
    }
    if ("PERCENTAGE".equals(in.type())) {
      v.check(in.amount() == null, "commission.amount", "is only for FIXED commissions");
      BigDecimal percent = Money.decimal(in.percent()).orElse(null);
      boolean ok =
          percent != null
              && percent.stripTrailingZeros().scale() <= 2
              && percent.signum() > 0
              && percent.compareTo(HUNDRED) <= 0;
      v.check(
          ok, "commission.percent", "must be a decimal string in (0, 100] with at most 2 decimals");
      return ok ? Commission.percentage(percent) : null;
    }
    if ("FIXED".equals(in.type())) {
      v.check(in.percent() == null, "commission.percent", "is only for PERCENTAGE commissions");
      v.required("commission.amount", in.amount());
      Long minor = amount(v, "commission.amount", in.amount(), currency);
      v.check(minor == null || minor > 0, "commission.amount", "must be more than zero");
      return minor == null || minor <= 0 ? null : Commission.fixed(minor);
    }
    v.check(false, "commission.type", "must be PERCENTAGE or FIXED");
    return null;
  }

  private static TargetFilters filters(Validation v, TargetFilters in) {
    if (in == null) {
      return TargetFilters.none();
    }
    for (String gender : in.genders()) {
      v.check(
          TargetFilters.GENDERS.contains(gender),
          "targetFilters.genders",
          "must contain only " + TargetFilters.GENDERS);
    }
    List<String> platforms =
        in.platforms().stream().map(p -> p == null ? "" : p.toUpperCase(Locale.ROOT)).toList();
    for (String platform : platforms) {
      v.check(
          TargetFilters.PLATFORMS.contains(platform),
          "targetFilters.platforms",
          "must contain only " + TargetFilters.PLATFORMS);
    }
    for (String text : concat(in.regions(), in.industries())) {
      v.check(
          text != null && !text.isBlank() && text.length() <= 100,
          "targetFilters",
          "regions and industries must be 1 to 100 characters");
    }
    v.check(
        in.minFollowers() == null || in.minFollowers() >= 0,
        "targetFilters.minFollowers",
        "must not be negative");
    v.check(
        in.maxFollowers() == null
            || in.maxFollowers() >= (in.minFollowers() == null ? 0 : in.minFollowers()),
        "targetFilters.maxFollowers",
        "must not be less than minFollowers");
    BigDecimal rate = in.minEngagementRate();
    v.check(
        rate == null
            || (rate.signum() >= 0
                && rate.compareTo(BigDecimal.ONE) <= 0
                && rate.stripTrailingZeros().scale() <= 6),
        "targetFilters.minEngagementRate",
        "must be a fraction from 0 to 1 with at most 6 decimals, e.g. \"0.035\"");
    return new TargetFilters(
        in.regions(),
        in.genders(),
        in.industries(),
        platforms,
        in.minFollowers(),
        in.maxFollowers(),
        rate == null ? null : rate.stripTrailingZeros());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  /** http or https with a host: no javascript:, data:, file: or scheme-relative URLs. */
  static void httpUrl(Validation v, String field, String url) {
    if (url == null) {
      return;
    }
    boolean ok = false;
    try {
      URI uri = new URI(url);
      ok =
          uri.getScheme() != null
              && Arrays.asList("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
              && uri.getHost() != null
              && uri.getRawUserInfo() == null
              && url.length() <= 2000;
    } catch (URISyntaxException e) {
      ok = false;
    }
    v.check(ok, field, "must be an absolute http(s) URL with a host");
  }
}
