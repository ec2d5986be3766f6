package io.influmeter.local.demo;

import java.util.List;

/**
 * Who the seeder creates: a brand, its campaign (percentage commission), its store and the
 * influencers taking part. The names are what makes seeding idempotent: a second run finds the
 * accounts, the campaign and the store by them.
 *
 * @param commissionPercent the campaign's commission, a percentage of net revenue (e.g. "12.5")
 */
public record Cast(
    String brandEmail,
    String brandName,
    String campaignName,
    String commissionPercent,
    String currency,
    String storeName,
    String landingUrl,
    List<Influencer> influencers) {

  /** An influencer account and the profile it declares (its handle becomes the link's slug). */
  public record Influencer(
      String email,
      String displayName,
      String handle,
      String region,
      String niche,
      String gender,
      String platform) {}

  public Cast {
    influencers = List.copyOf(influencers);
  }

  /** The demo's cast: a Nairobi fashion brand and four creators on three platforms. */
  public static Cast demo() {
    return new Cast(
        "brand@demo.influmeter.local",
        "Savannah Threads",
        "Demo: festive collection",
        "12.5",
        "KES",
        "Savannah Threads shop",
        "https://shop.example.test/festive",
        List.of(
            new Cast.Influencer(
                "murugi@demo.influmeter.local",
                "Murugi Wanjiru",
                "murugi",
                "Nairobi",
                "fashion",
                "FEMALE",
                "INSTAGRAM"),
            new Cast.Influencer(
                "njugush@demo.influmeter.local",
                "Njugush Kamau",
                "njugush",
                "Nairobi",
                "comedy",
                "MALE",
                "TIKTOK"),
            new Cast.Influencer(
                "akinyi@demo.influmeter.local",
                "Akinyi Otieno",
                "akinyi",
                "Kisumu",
                "lifestyle",
                "FEMALE",
                "YOUTUBE"),
            new Cast.Influencer(
                "baraka@demo.influmeter.local",
                "Baraka Mwangi",
                "barakastyle",
                "Mombasa",
                "fashion",
                "MALE",
                "INSTAGRAM")));
  }
}
