package io.influmeter.api.influencers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.audit.AuditLog;
import io.influmeter.api.auth.Principal;
import io.influmeter.api.http.Validation;
import io.influmeter.api.users.CreatorProfile;
import io.influmeter.api.users.CreatorTargeting;
import io.influmeter.api.users.UserRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Influencer onboarding. The profile lives in {@code creator_profiles}, the same row {@code PATCH
 * /users/me} edits (handle, bio, niche, region go through the same repository methods), extended
 * with the targeting facts.
 */
public final class InfluencerProfileService {
  /** BCP 47-ish: "en", "sw", "pt-BR". */
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");

  private final DSLContext dsl;
  private final Clock clock;
  private final ObjectMapper json;

  public InfluencerProfileService(DSLContext dsl, Clock clock, ObjectMapper json) {
    this.dsl = dsl;
    this.clock = clock;
    this.json = json;
  }

  public InfluencerProfile get(Principal principal) {
    return read(new UserRepository(dsl), principal.userId());
  }

  public InfluencerProfile put(
      Principal principal, InfluencerProfile.Update request, String clientIp) {
    validate(request);
    return dsl.transactionResult(
        tx -> {
          var tdsl = DSL.using(tx);
          var users = new UserRepository(tdsl);
          UUID id = principal.userId();
          InfluencerProfile before = read(users, id);
          users.saveCreatorProfile(
              id,
              new CreatorProfile(
                  blankToNull(request.handle()),
                  blankToNull(request.bio()),
                  blankToNull(request.niche()),
                  blankToNull(request.region())));
          Map<String, String> platforms = new LinkedHashMap<>();
          if (request.platforms() != null) {
            for (var p : request.platforms()) {
              platforms.put(p.platform().name(), p.handle().strip());
            }
          }
          users.saveCreatorTargeting(
              id,
              new CreatorTargeting(
                  request.gender() == null ? null : request.gender().name(),
                  request.languages() == null ? List.of() : request.languages(),
                  platforms,
                  null,
                  null));
          InfluencerProfile after = read(users, id);
          new AuditLog(tdsl, json)
              .record(
                  new AuditLog.Change(
                      id,
                      "influencer.profile-updated",
                      "user",
                      id.toString(),
                      before,
                      after,
                      clientIp),
                  clock.instant());
          return after;
        });
  }

  /** The profile of any influencer (empty fields when they have none yet). */
  static InfluencerProfile read(UserRepository users, UUID userId) {
    CreatorProfile profile =
        users.creatorProfile(userId).orElse(new CreatorProfile(null, null, null, null));
    CreatorTargeting targeting = users.creatorTargeting(userId);
    List<InfluencerProfile.ConnectedPlatform> platforms = new ArrayList<>();
    targeting
        .platforms()
        .forEach(
            (name, handle) ->
                platforms.add(
                    new InfluencerProfile.ConnectedPlatform(SocialPlatform.valueOf(name), handle)));
    platforms.sort(Comparator.comparing(InfluencerProfile.ConnectedPlatform::platform));
    return new InfluencerProfile(
        profile.handle(),
        profile.niche(),
        profile.region(),
        targeting.gender() == null ? null : Gender.valueOf(targeting.gender()),
        targeting.languages(),
        profile.bio(),
        List.copyOf(platforms),
        targeting.followersTotal(),
        targeting.engagementRate());
  }

  private static void validate(InfluencerProfile.Update r) {
    var v = new Validation();
    v.check(
        r.handle() == null
            || r.handle().isEmpty()
            || CreatorProfile.HANDLE.matcher(r.handle()).matches(),
        "handle",
        "must be 3-30 lower-case letters, digits, '_' or '.'");
    v.length("niche", r.niche(), 0, 100);
    v.length("region", r.region(), 0, 100);
    v.length("bio", r.bio(), 0, 2000);
    if (r.languages() != null) {
      v.check(r.languages().size() <= 10, "languages", "at most 10");
      for (int i = 0; i < r.languages().size(); i++) {
        String language = r.languages().get(i);
        v.check(
            language != null && LANGUAGE.matcher(language).matches(),
            "languages[" + i + "]",
            "must be a language tag such as en, sw or pt-BR");
      }
      v.check(
          r.languages().stream().distinct().count() == r.languages().size(),
          "languages",
          "must not repeat a language");
    }
    if (r.platforms() != null) {
      Set<SocialPlatform> seen = EnumSet.noneOf(SocialPlatform.class);
      for (int i = 0; i < r.platforms().size(); i++) {
        var p = r.platforms().get(i);
        String field = "platforms[" + i + "]";
        if (p == null || p.platform() == null) {
          v.check(false, field + ".platform", "is required (YOUTUBE, INSTAGRAM or TIKTOK)");
          continue;
        }
        v.check(seen.add(p.platform()), field + ".platform", "is listed twice");
        v.check(
            p.handle() != null && !p.handle().isBlank() && p.handle().length() <= 100,
            field + ".handle",
            "must be 1-100 characters");
      }
    }
    v.throwIfInvalid();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
