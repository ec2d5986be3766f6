package io.influmeter.ingest.stores;

import io.influmeter.events.StorePlatform;
import io.influmeter.schemas.secrets.SecretBox;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only lookups in the api-server's {@code stores} table (id uuid, brand_id uuid, platform
 * text, currency text, signing_secret text, previous_signing_secret text,
 * previous_secret_expires_at timestamptz), cached for a short time so a new store or a rotated
 * secret works within seconds while a webhook burst costs one query per store. Unknown ids are
 * cached too (as absent), so a flood of bogus store ids cannot hammer the database. On a database
 * error the last known entry is used, if any.
 *
 * <p>The two secret columns hold secrets sealed by the api-server ({@link SecretBox}, key {@code
 * STORE_SECRET_KEY}); they are opened here, after each query. A value that does not open (altered,
 * or another key) makes the store unusable like a database error: logged without the value, the
 * last good entry kept.
 */
public final class JdbcStoreDirectory implements StoreDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcStoreDirectory.class);
  private static final String QUERY =
      "SELECT id, brand_id, platform, currency, signing_secret, previous_signing_secret,"
          + " previous_secret_expires_at FROM stores WHERE id = ?";
  private static final int MAX_CACHED = 100_000;

  private final String jdbcUrl;
  private final Duration ttl;
  private final Clock clock;
  private final SecretBox secrets;
  private final ConcurrentHashMap<UUID, Cached> cache = new ConcurrentHashMap<>();

  public JdbcStoreDirectory(String jdbcUrl, Duration ttl, Clock clock, SecretBox secrets) {
    this.jdbcUrl = jdbcUrl;
    this.ttl = ttl;
    this.clock = clock;
    this.secrets = secrets;
  }

  @Override
  public Optional<Store> find(String storeId) {
    UUID id;
    try {
      id = UUID.fromString(storeId);
    } catch (IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Cached cached = cache.get(id);
    if (cached != null && now.isBefore(cached.expiresAt)) {
      return cached.store;
    }
    try {
      Optional<Store> store = query(id);
      if (cache.size() > MAX_CACHED) {
        cache.clear();
      }
      cache.put(id, new Cached(store, now.plus(ttl)));
      return store;
    } catch (SQLException | RuntimeException e) {
      // Includes a platform name this version does not know: such a store cannot be served.
      LOG.error("Store lookup failed for {}: {}", id, e.toString());
      return cached == null ? Optional.empty() : cached.store;
    }
  }

  private Optional<Store> query(UUID id) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        PreparedStatement statement = connection.prepareStatement(QUERY)) {
      connection.setReadOnly(true);
      statement.setObject(1, id);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        Timestamp expires = row.getTimestamp("previous_secret_expires_at");
        String previous = row.getString("previous_signing_secret");
        return Optional.of(
            new Store(
                row.getString("id"),
                row.getString("brand_id"),
                StorePlatform.valueOf(row.getString("platform").toUpperCase(Locale.ROOT)),
                row.getString("currency"),
                secrets.open(row.getString("signing_secret")),
                previous == null ? null : secrets.open(previous),
                expires == null ? null : expires.toInstant()));
      }
    }
  }

  private record Cached(Optional<Store> store, Instant expiresAt) {}
}
