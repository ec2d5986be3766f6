package io.influmeter.ingest.redirect;

import io.influmeter.events.ClickEvent;
import io.influmeter.ingest.delivery.DurableSender;
import io.influmeter.ingest.http.Problems;
import io.influmeter.ingest.links.Link;
import io.influmeter.ingest.links.LinkTable;
import io.influmeter.ingest.spool.OutboundRecord;
import io.influmeter.schemas.ClickId;
import io.influmeter.schemas.ClickIdKeys;
import io.influmeter.schemas.serde.AvroSerde;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|HEAD /go/{slug}}: a 302 to the link's registered destination (UTM and {@code im_click}
 * appended), answered only once the click is durable — acknowledged by Kafka, or fsynced in the
 * spool when Kafka misses the budget. The response is completed from the producer's (or spool's)
 * callback, so no request thread waits. Should even the spool not confirm within the hard cap, the
 * shopper is redirected anyway and the click counted as unconfirmed: a shopper is never blocked.
 */
public final class RedirectHandler implements Handler {

  public static final String VISITOR_COOKIE = "im_vid";
  private static final Logger LOG = LoggerFactory.getLogger(RedirectHandler.class);
  private static final int VISITOR_COOKIE_MAX_AGE = 365 * 24 * 3600;
  private static final int MAX_SLUG_CHARS = 128;

  private final ClickSettings settings;
  private final LinkTable links;
  private final DurableSender sender;
  private final AvroSerde<ClickEvent> serde;
  private final ClickIdKeys clickIdKeys;
  private final VisitorIdentity visitors;
  private final Clock clock;
  private final Counter notFound;
  private final Counter inactive;
  private final Counter untracked;
  private final Counter unconfirmed;
  private final Counter unrecordable;

  /**
   * @param topic clicks topic
   * @param ackBudget how long Kafka gets before the click is spooled
   * @param maxWait hard cap on the shopper's wait
   * @param countryHeader trusted edge header with the ISO country, or null
   * @param clientIpHeader trusted proxy header with the client IP (first entry), or null
   */
  public record ClickSettings(
      String topic,
      Duration ackBudget,
      Duration maxWait,
      String countryHeader,
      String clientIpHeader) {}

  public RedirectHandler(
      ClickSettings settings,
      LinkTable links,
      DurableSender sender,
      AvroSerde<ClickEvent> serde,
      ClickIdKeys clickIdKeys,
      VisitorIdentity visitors,
      Clock clock,
      MeterRegistry metrics) {
    this.settings = settings;
    this.links = links;
    this.sender = sender;
    this.serde = serde;
    this.clickIdKeys = clickIdKeys;
    this.visitors = visitors;
    this.clock = clock;
    this.notFound = metrics.counter("ingest.redirects", "result", "not_found");
    this.inactive = metrics.counter("ingest.redirects", "result", "inactive");
    this.untracked = metrics.counter("ingest.redirects", "result", "untracked");
    this.unconfirmed = metrics.counter("ingest.redirects", "result", "unconfirmed");
    this.unrecordable = metrics.counter("ingest.redirects", "result", "unrecordable");
  }

  @Override
  public void handle(Context ctx) {
    String slug = ctx.pathParam("slug");
    Optional<Link> found = slug.length() > MAX_SLUG_CHARS ? Optional.empty() : links.find(slug);
    ctx.header("Cache-Control", "no-store");
    if (found.isEmpty()) {
      notFound.increment();
      answerNotFound(ctx);
      return;
    }
    Link link = found.get();
    Instant now = clock.instant();
    if (!link.redirectsAt(now)) {
      inactive.increment();
      link.fallbackUrl().ifPresentOrElse(url -> redirect(ctx, url), () -> answerNotFound(ctx));
      return;
    }
    Map<String, String> parameters = link.utm().toMap();
    if (link.allowsUtmPassthrough()) {
      ctx.queryParamMap()
          .forEach(
              (name, values) -> {
                if (Destinations.isUtm(name)
                    && !values.isEmpty()
                    && values.get(0).length() <= 256) {
                  parameters.put(name.toLowerCase(Locale.ROOT), values.get(0));
                }
              });
    }
    if (ctx.header("im-no-track") != null || "1".equals(ctx.queryParam("im_notrack"))) {
      untracked.increment();
      redirect(ctx, Destinations.withParameters(link.destinationUrl(), parameters));
      return;
    }
    Map<String, String> utm = Map.copyOf(parameters);
    Visit visit = visit(ctx);
    // The id carries what attribution needs of the click: whether it may earn and whose it is.
    String clickId =
        ClickId.issue(
            now,
            link.linkId(),
            visit.botReason() != null,
            ClickId.visitorTag(visit.visitorId()),
            clickIdKeys);
    parameters.put(Destinations.CLICK_PARAMETER, clickId);
    String target = Destinations.withParameters(link.destinationUrl(), parameters);
    OutboundRecord record;
    try {
      ClickEvent click = click(ctx, visit, slug, link, clickId, now, utm, target);
      record =
          OutboundRecord.of(
              settings.topic(), link.linkId().toString(), serde.encode(settings.topic(), click));
    } catch (RuntimeException e) {
      // E.g. a schema registry that cannot be reached: the shopper still gets the redirect.
      unrecordable.increment();
      LOG.error("CLICK NOT RECORDED on {}: {}", slug, e.toString());
      redirect(ctx, target);
      return;
    }
    ctx.future(
        () ->
            sender
                .send(record, settings.ackBudget(), settings.maxWait())
                .thenAccept(
                    delivery -> {
                      if (delivery == null) {
                        unconfirmed.increment();
                      }
                      redirect(ctx, target);
                    }));
  }

  /** Who clicked: the user agent, ingest's bot verdict, and the hashed first-party visitor id. */
  private record Visit(String userAgent, String botReason, String visitorId) {}

  private Visit visit(Context ctx) {
    String userAgent = truncate(ctx.header("User-Agent"), 512);
    boolean head = ctx.method().equals(HandlerType.HEAD);
    String botReason = UserAgents.botReason(userAgent, head);
    String cookie = ctx.cookie(VISITOR_COOKIE);
    if (cookie == null && botReason == null) {
      // A first visit: the cookie set now identifies this click too, so the visitor's journey
      // starts with it (the first click is often the one that converts or earns first-click).
      cookie = visitors.newVisitorCookie();
      ctx.header(
          "Set-Cookie",
          VISITOR_COOKIE
              + "="
              + cookie
              + "; Path=/; Max-Age="
              + VISITOR_COOKIE_MAX_AGE
              + "; HttpOnly; SameSite=Lax");
    }
    return new Visit(userAgent, botReason, visitors.visitorIdHash(cookie));
  }

  private ClickEvent click(
      Context ctx,
      Visit visit,
      String slug,
      Link link,
      String clickId,
      Instant now,
      Map<String, String> utm,
      String target) {
    String userAgent = visit.userAgent();
    String botReason = visit.botReason();
    UserAgents.Parsed parsed = UserAgents.parse(userAgent);
    return ClickEvent.newBuilder()
        .setClickId(clickId)
        .setSlug(slug.toLowerCase(Locale.ROOT))
        .setLinkId(link.linkId().toString())
        .setCampaignId(link.campaignId())
        .setInfluencerId(link.influencerId())
        .setBrandId(link.brandId())
        .setEventTime(now)
        .setVisitorId(visit.visitorId())
        .setVisitorHash(visitors.visitorHash(clientIp(ctx), userAgent))
        .setUserAgent(userAgent)
        .setDevice(botReason == null ? parsed.device() : "bot")
        .setOs(parsed.os())
        .setBrowser(parsed.browser())
        .setReferrer(truncate(ctx.header("Referer"), 1024))
        .setCountry(country(ctx))
        .setIsBot(botReason != null)
        .setBotReason(botReason)
        .setUtm(utm)
        .setDestinationUrl(target)
        .build();
  }

  private String clientIp(Context ctx) {
    if (settings.clientIpHeader() != null) {
      String forwarded = ctx.header(settings.clientIpHeader());
      if (forwarded != null && !forwarded.isBlank()) {
        return forwarded.split(",")[0].trim();
      }
    }
    return ctx.req().getRemoteAddr();
  }

  private String country(Context ctx) {
    if (settings.countryHeader() == null) {
      return null;
    }
    String value = ctx.header(settings.countryHeader());
    if (value == null || value.length() != 2 || !value.chars().allMatch(Character::isLetter)) {
      return null;
    }
    return value.toUpperCase(Locale.ROOT);
  }

  private static void redirect(Context ctx, String url) {
    ctx.status(302).header("Location", url);
  }

  private static void answerNotFound(Context ctx) {
    if (Problems.wantsJson(ctx)) {
      Problems.write(ctx, 404, "link-not-found", "No such link", null);
      return;
    }
    ctx.status(404)
        .contentType("text/html; charset=utf-8")
        .result(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Link not found"
                + "</title></head><body><h1>This link does not exist or is no longer active.</h1>"
                + "</body></html>");
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
