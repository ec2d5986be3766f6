package io.influmeter.jobs.triggers;

/** One order attributed by promo code, kept for the trailing day. A Flink POJO. */
public class PromoRedemption {

  public String influencerId;
  public String promoCode;
  public long orderTime;

  public PromoRedemption() {}

  public static PromoRedemption of(String influencerId, String promoCode, long orderTime) {
    PromoRedemption redemption = new PromoRedemption();
    redemption.influencerId = influencerId;
    redemption.promoCode = promoCode;
    redemption.orderTime = orderTime;
    return redemption;
  }
}
