package io.influmeter.jobs.attribution;

import io.influmeter.events.ReferralLink;
import java.util.Locale;

/** Read access to the current referral links, by link id and by brand + promo code. */
public interface LinkDirectory {

  /** The link with this id, or null. */
  ReferralLink byId(String linkId) throws Exception;

  /**
   * The link whose promo code this is for the brand (codes compare case-insensitively), or null.
   */
  ReferralLink byPromoCode(String brandId, String code) throws Exception;

  /** Key of the promo-code index: {@code brandId:CODE} (upper case, root locale). */
  static String promoKey(String brandId, String code) {
    return brandId + ":" + code.trim().toUpperCase(Locale.ROOT);
  }
}
