package io.influmeter.api.live;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one LISTEN connection of a server on channel {@code analytics_changed} (V16's trigger on the
 * result tables). Collects the watched campaigns named by notifications and hands them over at most
 * once per coalesce interval. When the connection fails it reconnects after a second and then
 * reports every watched campaign as changed, since notifications sent meanwhile are lost.
 */
final class ChangeListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
  static final String CHANNEL = "analytics_changed";
  private static final int POLL_MILLIS = 100;

  /** Lends and takes back the JDBC connection the listener holds while it runs. */
  interface Connections {
    Connection acquire() throws SQLException;

    void release(Connection connection);
  }

  private final Connections connections;
  private final long coalesceMillis;
  private final Consumer<Set<UUID>> changed;
  private final Supplier<Set<UUID>> watched;
  private final Thread thread;
  private volatile boolean running = true;

  private ChangeListener(
      Connections connections,
      Duration coalesce,
      Consumer<Set<UUID>> changed,
      Supplier<Set<UUID>> watched) {
    this.connections = connections;
    this.coalesceMillis = coalesce.toMillis();
    this.changed = changed;
    this.watched = watched;
    this.thread = new Thread(this::run, "live-change-listener");
    thread.setDaemon(true);
  }

  static ChangeListener start(
      Connections connections,
      Duration coalesce,
      Consumer<Set<UUID>> changed,
      Supplier<Set<UUID>> watched) {
    var listener = new ChangeListener(connections, coalesce, changed, watched);
    listener.thread.start();
    return listener;
  }

  private void run() {
    boolean reconnecting = false;
    while (running) {
      try {
        listen(reconnecting);
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warn("live change listener lost its connection, retrying in 1 s: {}", e.toString());
        reconnecting = true;
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private void listen(boolean missedSome) throws SQLException {
    Connection connection = connections.acquire();
    try {
      try (Statement statement = connection.createStatement()) {
        statement.execute("LISTEN " + CHANNEL);
      }
      PGConnection postgres = connection.unwrap(PGConnection.class);
      Set<UUID> pending = new HashSet<>();
      if (missedSome) {
        pending.addAll(watched.get());
      }
      long lastHandOver = 0;
      while (running) {
        PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
        if (notifications != null) {
          for (PGNotification notification : notifications) {
            campaign(notification.getParameter())
                .filter(watched.get()::contains)
                .ifPresent(pending::add);
          }
        }
        long now = System.nanoTime() / 1_000_000;
        if (!pending.isEmpty() && now - lastHandOver >= coalesceMillis) {
          changed.accept(Set.copyOf(pending));
          pending.clear();
          lastHandOver = now;
        }
      }
    } finally {
      unlisten(connection);
    }
  }

  private void unlisten(Connection connection) {
    // The connection goes back to a pool: it must not keep collecting notifications there.
    try (Statement statement = connection.createStatement()) {
      statement.execute("UNLISTEN *");
    } catch (SQLException e) {
      LOG.debug(
          "UNLISTEN failed (the connection is broken and will be discarded): {}", e.toString());
    } finally {
      connections.release(connection);
    }
  }

  private static Optional<UUID> campaign(String payload) {
    try {
      return Optional.of(UUID.fromString(payload));
    } catch (IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
