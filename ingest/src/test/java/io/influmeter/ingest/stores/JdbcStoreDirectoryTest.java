package io.influmeter.ingest.stores;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.embedded.junit.TestNames;
import io.influmeter.events.StorePlatform;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JDBC directory against real PostgreSQL. The api-server's {@code stores} table does not exist
 * yet, so this test creates it with the columns the directory is written against.
 */
@ExtendWith(EmbeddedServices.class)
class JdbcStoreDirectoryTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
  private String jdbcUrl;

  @BeforeEach
  void createStoresTable(EmbeddedPostgresServer postgres) throws SQLException {
    String database = TestNames.unique("ingest_stores");
    postgres.createDatabase(database);
    jdbcUrl = postgres.jdbcUrl(database);
    execute(
        "CREATE TABLE stores (id uuid PRIMARY KEY, brand_id uuid NOT NULL, platform text NOT NULL,"
            + " currency text NOT NULL, signing_secret text NOT NULL, previous_signing_secret text,"
            + " previous_secret_expires_at timestamptz)");
  }

  @Test
  void aStoreIsFoundWithBothSecretsAndUnknownOrMalformedIdsAreAbsent() throws SQLException {
    UUID id = UUID.randomUUID();
    insert(id, "shopify", "secret-one", "secret-zero", Instant.parse("2026-11-26T00:00:00Z"));
    JdbcStoreDirectory directory = new JdbcStoreDirectory(jdbcUrl, Duration.ofSeconds(5), clock);

    Store store = directory.find(id.toString()).orElseThrow();

    assertThat(store.platform()).isEqualTo(StorePlatform.SHOPIFY);
    assertThat(store.signingSecret()).isEqualTo("secret-one");
    assertThat(store.secretsAt(clock.instant())).hasSize(2);
    assertThat(store.secretsAt(Instant.parse("2026-11-27T00:00:00Z"))).hasSize(1);
    assertThat(directory.find(UUID.randomUUID().toString())).isEmpty();
    assertThat(directory.find("'; DROP TABLE stores; --")).isEmpty();
  }

  @Test
  void aNewStoreAndARotatedSecretAreSeenOnceTheCacheExpires() throws SQLException {
    UUID id = UUID.randomUUID();
    JdbcStoreDirectory directory = new JdbcStoreDirectory(jdbcUrl, Duration.ofSeconds(5), clock);
    assertThat(directory.find(id.toString())).isEmpty();

    insert(id, "stripe", "whsec-1", null, null);
    assertThat(directory.find(id.toString())).isEmpty();
    clock.advance(Duration.ofSeconds(6));
    assertThat(directory.find(id.toString()))
        .hasValueSatisfying(s -> assertThat(s.signingSecret()).isEqualTo("whsec-1"));

    execute("UPDATE stores SET signing_secret = 'whsec-2', previous_signing_secret = 'whsec-1'");
    clock.advance(Duration.ofSeconds(6));
    assertThat(directory.find(id.toString()))
        .hasValueSatisfying(s -> assertThat(s.signingSecret()).isEqualTo("whsec-2"));
  }

  @Test
  void aStoreOfAPlatformThisVersionDoesNotKnowIsAbsent() throws SQLException {
    UUID id = UUID.randomUUID();
    insert(id, "magento", "secret", null, null);
    assertThat(new JdbcStoreDirectory(jdbcUrl, Duration.ofSeconds(5), clock).find(id.toString()))
        .isEmpty();
  }

  private void insert(UUID id, String platform, String secret, String previous, Instant expires)
      throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO stores VALUES (?, ?, ?, 'USD', ?, ?, ?)")) {
      insert.setObject(1, id);
      insert.setObject(2, UUID.randomUUID());
      insert.setString(3, platform);
      insert.setString(4, secret);
      insert.setString(5, previous);
      insert.setObject(6, expires == null ? null : java.sql.Timestamp.from(expires));
      insert.executeUpdate();
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
