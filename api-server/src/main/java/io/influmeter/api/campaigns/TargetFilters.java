package io.influmeter.api.campaigns;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * Which influencers a campaign is for. Every member is optional; an empty list or a null bound does
 * not filter. Stored as the campaign's {@code target_filters} JSON and used by targeting.
 *
 * @param regions creator regions (case-insensitive)
 * @param genders FEMALE, MALE, NON_BINARY, UNDISCLOSED
 * @param industries creator niches (case-insensitive)
 * @param platforms connected platforms, any of them
 * @param minFollowers inclusive lower bound of total followers
 * @param maxFollowers inclusive upper bound of total followers
 * @param minEngagementRate inclusive, as a fraction (0.035 = 3.5 %)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TargetFilters(
    List<String> regions,
    List<String> genders,
    List<String> industries,
    List<String> platforms,
    Long minFollowers,
    Long maxFollowers,
    // A decimal string like money: "0.035", never a binary floating-point number.
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal minEngagementRate) {

  public static final List<String> GENDERS = List.of("FEMALE", "MALE", "NON_BINARY", "UNDISCLOSED");
  public static final List<String> PLATFORMS =
      List.of("INSTAGRAM", "TIKTOK", "YOUTUBE", "FACEBOOK", "X");

  public TargetFilters {
    regions = regions == null ? List.of() : List.copyOf(regions);
    genders = genders == null ? List.of() : List.copyOf(genders);
    industries = industries == null ? List.of() : List.copyOf(industries);
    platforms = platforms == null ? List.of() : List.copyOf(platforms);
  }

  public static TargetFilters none() {
    return new TargetFilters(null, null, null, null, null, null, null);
  }
}
