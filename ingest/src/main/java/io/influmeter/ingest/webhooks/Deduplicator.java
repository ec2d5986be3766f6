package io.influmeter.ingest.webhooks;

import io.influmeter.ingest.delivery.Delivery;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Drops duplicate deliveries of one event (by its dedup key) at this instance: concurrent
 * duplicates share the first one's send and answer, later ones are answered from memory. A failed
 * (not durable) send is forgotten so the store's retry is sent again. Bounded (oldest forgotten
 * first); duplicates that reach another instance, or arrive after eviction, are dropped downstream
 * by the same key.
 */
public final class Deduplicator {

  private final Map<String, CompletableFuture<Delivery>> recent;

  public Deduplicator(int capacity) {
    this.recent =
        new LinkedHashMap<>(1024, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Delivery>> e) {
            return size() > capacity;
          }
        };
  }

  /** The send for {@code key}: started now by {@code send}, or the one already under way. */
  public Submission submit(String key, Supplier<CompletableFuture<Delivery>> send) {
    CompletableFuture<Delivery> mine = new CompletableFuture<>();
    CompletableFuture<Delivery> existing;
    synchronized (recent) {
      existing = recent.putIfAbsent(key, mine);
    }
    if (existing != null) {
      return new Submission(existing, true);
    }
    send.get()
        .whenComplete(
            (delivery, error) -> {
              if (error != null || !delivery.isDurable()) {
                synchronized (recent) {
                  recent.remove(key, mine);
                }
              }
              if (error != null) {
                mine.completeExceptionally(error);
              } else {
                mine.complete(delivery);
              }
            });
    return new Submission(mine, false);
  }

  /**
   * @param delivery how the event became durable
   * @param duplicate true when another delivery of the same event did the sending
   */
  public record Submission(CompletableFuture<Delivery> delivery, boolean duplicate) {}
}
