package io.influmeter.api.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.analytics.Freshness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live streams of all connected browsers, fed by one shared change detector: a single {@link
 * ChangeListener} (one LISTEN connection for the whole server, started with the first stream)
 * reports changed campaigns; for each changed campaign that has watchers the feed reads its
 * freshness once and sends {@code update} to every watcher, at most every {@code coalesceInterval}.
 * Every {@code heartbeatInterval} each watcher gets a {@code heartbeat} with the freshness last
 * read (no query). A stream ends when the browser goes away (the next write to it fails), after
 * {@code maxLifetime} (the page reconnects with a new token, so a revoked session stops streaming
 * within that time), or when the server stops. A user may hold at most {@code maxStreamsPerUser}
 * streams at once.
 */
public final class ChangeFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

  /** Where a stream's events go (an SSE client in production). */
  interface Sink {
    /** Sends one event; false when the receiver is gone. */
    boolean send(String event, String data);

    void close();
  }

  /** Timings and limits. */
  public record Settings(
      Duration coalesceInterval,
      Duration heartbeatInterval,
      Duration maxLifetime,
      int maxStreamsPerUser) {
    public static Settings defaults() {
      return new Settings(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofMinutes(15), 5);
    }
  }

  private record Watcher(UUID userId, UUID campaignId, Sink sink, Instant openedAt) {}

  private final LiveRepository repository;
  private final ChangeListener.Connections connections;
  private final Clock clock;
  private final ObjectMapper json;
  private final Settings settings;
  private final Map<UUID, Set<Watcher>> watchers = new ConcurrentHashMap<>();
  private final Map<UUID, Integer> streamsPerUser = new ConcurrentHashMap<>();
  private final Map<UUID, Optional<LocalDateTime>> asOf = new ConcurrentHashMap<>();
  private final ScheduledExecutorService fanOut;
  private ChangeListener listener;
  private boolean closed;

  ChangeFeed(
      LiveRepository repository,
      ChangeListener.Connections connections,
      Clock clock,
      ObjectMapper json,
      Settings settings) {
    this.repository = repository;
    this.connections = connections;
    this.clock = clock;
    this.json = json;
    this.settings = settings;
    this.fanOut =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              var thread = new Thread(runnable, "live-fan-out");
              thread.setDaemon(true);
              return thread;
            });
    long beat = settings.heartbeatInterval().toMillis();
    fanOut.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
  }

  /** Counts a new stream of this user; false (nothing counted) when the user is at the cap. */
  boolean reserve(UUID userId) {
    boolean[] admitted = {false};
    streamsPerUser.compute(
        userId,
        (id, count) -> {
          int current = count == null ? 0 : count;
          if (current >= settings.maxStreamsPerUser()) {
            return count;
          }
          admitted[0] = true;
          return current + 1;
        });
    return admitted[0];
  }

  /** Gives back a reservation whose stream never opened, or whose stream ended. */
  void release(UUID userId) {
    streamsPerUser.computeIfPresent(userId, (id, count) -> count <= 1 ? null : count - 1);
  }

  /**
   * Starts sending a reserved stream its campaign's events: first an {@code update} with the
   * current freshness, so the page knows the stream is live. Returns what ends the stream.
   */
  Runnable attach(UUID userId, UUID campaignId, Sink sink) {
    var watcher = new Watcher(userId, campaignId, sink, clock.instant());
    watchers.computeIfAbsent(campaignId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
    startListener();
    // Every write to a stream happens on the one fan-out thread, so events never interleave.
    fanOut.execute(
        () -> {
          Optional<LocalDateTime> newest = repository.asOf(campaignId);
          asOf.put(campaignId, newest);
          send(watcher, "update", updateEvent(campaignId, newest));
        });
    return () -> detach(watcher);
  }

  private void detach(Watcher watcher) {
    Set<Watcher> set = watchers.get(watcher.campaignId());
    if (set != null && set.remove(watcher)) {
      release(watcher.userId());
      watchers.computeIfPresent(watcher.campaignId(), (id, s) -> s.isEmpty() ? null : s);
    }
  }

  /** How many streams are open now (metrics, tests). */
  int openStreams() {
    return watchers.values().stream().mapToInt(Set::size).sum();
  }

  private synchronized void startListener() {
    if (listener == null && !closed) {
      listener =
          ChangeListener.start(
              connections, settings.coalesceInterval(), this::changed, watchers::keySet);
    }
  }

  /** Called by the listener thread with the watched campaigns that changed (never empty). */
  private void changed(Set<UUID> campaigns) {
    fanOut.execute(
        () -> {
          for (UUID campaign : campaigns) {
            Set<Watcher> set = watchers.get(campaign);
            if (set == null || set.isEmpty()) {
              continue;
            }
            Optional<LocalDateTime> newest = repository.asOf(campaign);
            asOf.put(campaign, newest);
            String event = updateEvent(campaign, newest);
            set.forEach(watcher -> send(watcher, "update", event));
          }
        });
  }

  private void heartbeat() {
    try {
      Instant now = clock.instant();
      asOf.keySet().retainAll(watchers.keySet());
      watchers.forEach(
          (campaign, set) -> {
            String event =
                write(
                    Map.of(
                        "freshness",
                        freshness(asOf.getOrDefault(campaign, Optional.empty()), now)));
            for (Watcher watcher : set) {
              if (now.isAfter(watcher.openedAt().plus(settings.maxLifetime()))) {
                watcher.sink().close();
                detach(watcher);
              } else {
                send(watcher, "heartbeat", event);
              }
            }
          });
    } catch (RuntimeException e) {
      // The next beat tries again; a failing beat must not cancel the schedule.
      LOG.warn("live heartbeat failed: {}", e.toString());
    }
  }

  private void send(Watcher watcher, String event, String data) {
    if (!watcher.sink().send(event, data)) {
      detach(watcher);
    }
  }

  private String updateEvent(UUID campaign, Optional<LocalDateTime> newest) {
    return write(
        Map.of(
            "campaign_id", campaign.toString(), "freshness", freshness(newest, clock.instant())));
  }

  /** The analytics answers' freshness block, so the page reads one shape everywhere. */
  private static Freshness freshness(Optional<LocalDateTime> newest, Instant now) {
    return Freshness.of(now, newest.orElse(null));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a live event", e);
    }
  }

  @Override
  public void close() {
    ChangeListener running;
    synchronized (this) {
      closed = true;
      running = listener;
    }
    if (running != null) {
      running.close();
    }
    fanOut.shutdownNow();
    watchers.values().forEach(set -> set.forEach(watcher -> watcher.sink().close()));
    watchers.clear();
    streamsPerUser.clear();
  }
}
