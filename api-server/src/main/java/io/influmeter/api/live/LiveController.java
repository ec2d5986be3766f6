package io.influmeter.api.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.analytics.CampaignAccess;
import io.influmeter.api.auth.Principal;
import io.influmeter.api.auth.Role;
import io.influmeter.api.auth.SessionRepository;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.http.Requests;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * {@code POST /analytics/campaigns/{id}/live-token} and {@code GET /analytics/campaigns/{id}/live}:
 * a server-sent event stream telling a dashboard when the campaign's numbers changed ({@code
 * update}) and, every few seconds, how fresh they are ({@code heartbeat}). The stream route is
 * public at the gate: its credential is the stream token in the query, checked here together with
 * the session it came from and the caller's right to the campaign, all before the response starts,
 * so failures are ordinary problem+json answers.
 */
public final class LiveController implements AutoCloseable {
  /** A stream token only has to open the stream: one minute covers a slow page. */
  static final Duration TOKEN_TTL = Duration.ofMinutes(1);

  private final StreamTokens tokens;
  private final CampaignAccess access;
  private final SessionRepository sessions;
  private final ChangeFeed feed;

  LiveController(
      StreamTokens tokens, CampaignAccess access, SessionRepository sessions, ChangeFeed feed) {
    this.tokens = tokens;
    this.access = access;
    this.sessions = sessions;
    this.feed = feed;
  }

  /** The controller over this database; the feed's listener holds one pooled connection. */
  public static LiveController create(
      DSLContext dsl,
      List<byte[]> signingKeys,
      Clock clock,
      ObjectMapper json,
      ChangeFeed.Settings settings) {
    var repository = new LiveRepository(dsl);
    var provider = dsl.configuration().connectionProvider();
    ChangeListener.Connections connections =
        new ChangeListener.Connections() {
          @Override
          public java.sql.Connection acquire() {
            return provider.acquire();
          }

          @Override
          public void release(java.sql.Connection connection) {
            provider.release(connection);
          }
        };
    return new LiveController(
        new StreamTokens(signingKeys, TOKEN_TTL, clock),
        new CampaignAccess(dsl),
        new SessionRepository(dsl),
        new ChangeFeed(repository, connections, clock, json, settings));
  }

  public void token(Context ctx) {
    Principal principal = Requests.principal(ctx);
    UUID campaign = Requests.uuidPathParam(ctx, "id");
    if (!access.maySee(principal.userId(), principal.role(), campaign)) {
      throw ApiException.notFound();
    }
    var issued = tokens.issue(principal.userId(), principal.sessionId(), campaign);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", issued.token());
    body.put("expires_at", issued.expiresAt().toString());
    ctx.status(201).json(body);
  }

  public void stream(Context ctx) {
    UUID campaign = Requests.uuidPathParam(ctx, "id");
    var grant =
        tokens.verify(ctx.queryParam("token"), campaign).orElseThrow(ApiException::unauthorized);
    // The session must still be live and the right still held: sign-out, suspension and a lost
    // participation stop new streams at once.
    Role role =
        sessions
            .liveRole(grant.userId(), grant.sessionId())
            .orElseThrow(ApiException::unauthorized);
    if (!access.maySee(grant.userId(), role, campaign)) {
      throw ApiException.notFound();
    }
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      throw new ApiException(
          406,
          "not-acceptable",
          "Not acceptable",
          "This is an event stream: send Accept: text/event-stream.",
          List.of(),
          Map.of());
    }
    if (!feed.reserve(grant.userId())) {
      throw ApiException.tooManyRequests("too-many-streams", 5);
    }
    try {
      new SseHandler(client -> open(client, grant.userId(), campaign)).handle(ctx);
    } catch (RuntimeException e) {
      feed.release(grant.userId());
      throw e;
    }
  }

  private void open(SseClient client, UUID userId, UUID campaign) {
    Runnable end = feed.attach(userId, campaign, new SseSink(client));
    client.onClose(end);
    client.keepAlive();
  }

  @Override
  public void close() {
    feed.close();
  }

  /** An SSE client as the feed's sink. */
  private record SseSink(SseClient client) implements ChangeFeed.Sink {
    @Override
    public boolean send(String event, String data) {
      if (client.terminated()) {
        return false;
      }
      client.sendEvent(event, data);
      return !client.terminated();
    }

    @Override
    public void close() {
      client.close();
    }
  }
}
