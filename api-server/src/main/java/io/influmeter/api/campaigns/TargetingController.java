package io.influmeter.api.campaigns;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.http.Json;
import io.influmeter.api.http.Requests;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;

/**
 * HTTP side of targeting (/brands/influencers, a campaign's matches) and of the brand's
 * invitations, participants and rebooking.
 */
public final class TargetingController {
  private final InfluencerSearch search;
  private final InvitationService invitations;
  private final DSLContext dsl;
  private final ObjectMapper json;

  public TargetingController(
      InfluencerSearch search, InvitationService invitations, DSLContext dsl, ObjectMapper json) {
    this.search = search;
    this.invitations = invitations;
    this.dsl = dsl;
    this.json = json;
  }

  public void influencers(Context ctx) {
    TargetFilters filters = QueryFilters.parse(ctx);
    ctx.json(
        search.search(
            filters, sort(ctx), CampaignController.limit(ctx), CampaignController.offset(ctx)));
  }

  /** Influencers matching the campaign's own target filters. */
  public void matches(Context ctx) {
    String sort = sort(ctx);
    Campaign campaign =
        CampaignService.owned(
            new CampaignRepository(dsl, json),
            Requests.principal(ctx),
            Requests.uuidPathParam(ctx, "id"));
    ctx.json(
        search.search(
            campaign.terms().targetFilters(),
            sort,
            CampaignController.limit(ctx),
            CampaignController.offset(ctx)));
  }

  public void invite(Context ctx) {
    var body = Json.body(ctx, json, CampaignRequests.Invite.class);
    ctx.status(201)
        .json(
            invitations.invite(
                Requests.principal(ctx),
                Requests.uuidPathParam(ctx, "id"),
                body.influencerId(),
                Requests.clientIp(ctx)));
  }

  public void withdraw(Context ctx) {
    ctx.json(
        invitations.withdraw(
            Requests.principal(ctx),
            Requests.uuidPathParam(ctx, "id"),
            Requests.uuidPathParam(ctx, "influencerId"),
            Requests.clientIp(ctx)));
  }

  public void participants(Context ctx) {
    ctx.json(invitations.participants(Requests.principal(ctx), Requests.uuidPathParam(ctx, "id")));
  }

  public void rebook(Context ctx) {
    var body = Json.body(ctx, json, CampaignRequests.Rebook.class);
    ctx.json(
        invitations.rebook(
            Requests.principal(ctx),
            Requests.uuidPathParam(ctx, "id"),
            body.fromCampaignId(),
            Requests.clientIp(ctx)));
  }

  private static String sort(Context ctx) {
    String sort = ctx.queryParam("sort");
    if (sort == null || sort.isEmpty()) {
      return InfluencerSearch.DEFAULT_SORT;
    }
    String key = sort.startsWith("-") ? sort.substring(1) : sort;
    if (!InfluencerSearch.SORT_KEYS.containsKey(key)) {
      throw ApiException.validation(
          List.of(
              new ApiException.FieldError(
                  "sort",
                  "must be one of "
                      + InfluencerSearch.SORT_KEYS.keySet().stream().sorted().toList()
                      + ", optionally prefixed by - for descending")));
    }
    return sort;
  }

  /** The targeting query parameters as filters, every bad one reported at once. */
  private static final class QueryFilters {
    static TargetFilters parse(Context ctx) {
      List<ApiException.FieldError> errors = new ArrayList<>();
      List<String> genders = upper(values(ctx, "gender"));
      genders.stream()
          .filter(g -> !TargetFilters.GENDERS.contains(g))
          .findFirst()
          .ifPresent(g -> errors.add(error("gender", "must be one of " + TargetFilters.GENDERS)));
      List<String> platforms = upper(values(ctx, "platform"));
      platforms.stream()
          .filter(p -> !TargetFilters.PLATFORMS.contains(p))
          .findFirst()
          .ifPresent(
              p -> errors.add(error("platform", "must be one of " + TargetFilters.PLATFORMS)));
      Long min = count(ctx, "minFollowers", errors);
      Long max = count(ctx, "maxFollowers", errors);
      if (min != null && max != null && max < min) {
        errors.add(error("maxFollowers", "must not be less than minFollowers"));
      }
      BigDecimal rate = null;
      String rateText = ctx.queryParam("minEngagementRate");
      if (rateText != null) {
        rate = Money.decimal(rateText).filter(r -> r.compareTo(BigDecimal.ONE) <= 0).orElse(null);
        if (rate == null) {
          errors.add(error("minEngagementRate", "must be a fraction from 0 to 1, e.g. 0.035"));
        }
      }
      if (!errors.isEmpty()) {
        throw ApiException.validation(errors);
      }
      return new TargetFilters(
          values(ctx, "region"), genders, values(ctx, "industry"), platforms, min, max, rate);
    }

    /** A repeated parameter, or one with comma-separated values. */
    private static List<String> values(Context ctx, String name) {
      return ctx.queryParams(name).stream()
          .flatMap(v -> java.util.Arrays.stream(v.split(",")))
          .map(String::strip)
          .filter(v -> !v.isEmpty())
          .toList();
    }

    private static List<String> upper(List<String> values) {
      return values.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
    }

    private static Long count(Context ctx, String name, List<ApiException.FieldError> errors) {
      String text = ctx.queryParam(name);
      if (text == null) {
        return null;
      }
      try {
        long value = Long.parseLong(text);
        if (value >= 0) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      errors.add(error(name, "must be a whole number, 0 or more"));
      return null;
    }

    private static ApiException.FieldError error(String field, String message) {
      return new ApiException.FieldError(field, message);
    }
  }
}
