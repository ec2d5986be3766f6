package io.influmeter.ingest.stores;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.embedded.EmbeddedPostgresServer;
import io.influmeter.embedded.junit.EmbeddedServices;
import io.influmeter.embedded.junit.TestNames;
import io.influmeter.events.StorePlatform;
import io.influmeter.schemas.secrets.SecretBox;
import java.nio.charset.StandardCharsets;
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
 * The JDBC directory against real PostgreSQL, over a {@code stores} table with the columns of the
 * api-server's V3 migration (ingest does not run the api-server's migrations). Secrets are written
 * sealed, as the api-server writes them, with a test-only key.
 */
@ExtendWith(EmbeddedServices.class)
class JdbcStoreDirectoryTest {

  private static final SecretBox BOX = new SecretBox(new byte[32]);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
  private String jdbcUrl;

  @BeforeEach
  void createStoresTable(EmbeddedPostgresServer postgres) throws SQLException {
    String database = TestNames.unique("ingest_stores");
    postgres.createDatabase(database);
    jdbcUrl = postgres.jdbcUrl(database);
    execute(
        "CREATE TABLE stores (id uuid PRIMARY KEY, brand_id uuid NOT NULL,"
            + " platform varchar(16) NOT NULL, display_name text NOT NULL DEFAULT 'Shop',"
            + " currency varchar(3) NOT NULL, signing_secret text NOT NULL,"
            + " previous_signing_secret text, previous_secret_expires_at timestamptz,"
            + " created_at timestamptz NOT NULL DEFAULT now(),"
            + " updated_at timestamptz NOT NULL DEFAULT now())");
  }

  @Test
  void aStoreIsFoundWithBothSecretsAndUnknownOrMalformedIdsAreAbsent() throws SQLException {
    UUID id = UUID.randomUUID();
    insert(id, "shopify", "secret-one", "secret-zero", Instant.parse("2026-11-26T00:00:00Z"));
    JdbcStoreDirectory directory =
        new JdbcStoreDirectory(jdbcUrl, Duration.ofSeconds(5), clock, BOX);

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
    JdbcStoreDirectory directory =
        new JdbcStoreDirectory(jdbcUrl, Duration.ofSeconds(5), clock, BOX);
    assertThat(directory.find(id.toString())).isEmpty();

    insert(id, "stripe", "whsec-1", null, null);
    assertThat(directory.find(id.toString())).isEmpty();
    clock.advance(Duration.ofSeconds(6));
    assertThat(directory.find(id.toString()))
        .hasValueSatisfying(s -> assertThat(s.signingSecret()).isEqualTo("whsec-1"));

    update(id, "whsec-2", "whsec-1", null);
    clock.advance(Duration.ofSeconds(6));
    assertThat(directory.find(id.toString()))
        .hasValueSatisfying(s -> assertThat(s.signingSecret()).isEqualTo("whsec-2"));
  }

  @Test
  void aStoreOfAPlatformThisVersionDoesNotKnowIsAbsent() throws SQLException {
    UUID id = UUID.randomUUID();
    insert(id, "magento", "secret", null, null);
    assertThat(
            new JdbcStoreDirectory(jdbcUrl, Duration.ofSeconds(5), clock, BOX).find(id.toString()))
        .isEmpty();
  }

  @Test
  void aRotatedStoreVerifiesWithBothSealedSecretsUntilTheGracePeriodEnds() throws SQLException {
    UUID id = UUID.randomUUID();
    insert(id, "SHOPIFY", "whsec-old", null, null);
    Instant graceEnds = clock.instant().plus(Duration.ofHours(24));
    update(id, "whsec-new", "whsec-old", graceEnds);
    JdbcStoreDirectory directory =
        new JdbcStoreDirectory(jdbcUrl, Duration.ofSeconds(5), clock, BOX);

    Store store = directory.find(id.toString()).orElseThrow();

    assertThat(store.signingSecret()).isEqualTo("whsec-new");
    assertThat(store.previousSigningSecret()).isEqualTo("whsec-old");
    assertThat(store.secretsAt(clock.instant()))
        .extracting(bytes -> new String(bytes, StandardCharsets.UTF_8))
        .containsExactly("whsec-new", "whsec-old");
    assertThat(store.secretsAt(graceEnds))
        .extracting(bytes -> new String(bytes, StandardCharsets.UTF_8))
        .containsExactly("whsec-new");
  }

  @Test
  void aSecretSealedWithAnotherKeyOrAlteredOrStoredPlainMakesTheStoreUnusable()
      throws SQLException {
    UUID otherKey = UUID.randomUUID();
    UUID altered = UUID.randomUUID();
    UUID plain = UUID.randomUUID();
    insertSealed(otherKey, new SecretBox(filled(32, 1)).seal("whsec-x"), null);
    String sealed = BOX.seal("whsec-y");
    insertSealed(
        altered,
        sealed.substring(0, 10) + (sealed.charAt(10) == 'A' ? 'B' : 'A') + sealed.substring(11),
        null);
    insertSealed(plain, "whsec-plain", null);
    JdbcStoreDirectory directory =
        new JdbcStoreDirectory(jdbcUrl, Duration.ofSeconds(5), clock, BOX);

    assertThat(directory.find(otherKey.toString())).isEmpty();
    assertThat(directory.find(altered.toString())).isEmpty();
    assertThat(directory.find(plain.toString())).isEmpty();
  }

  @Test
  void theLastGoodEntryIsKeptWhenARotatedSecretDoesNotOpen() throws SQLException {
    UUID id = UUID.randomUUID();
    insert(id, "STRIPE", "whsec-good", null, null);
    JdbcStoreDirectory directory =
        new JdbcStoreDirectory(jdbcUrl, Duration.ofSeconds(5), clock, BOX);
    assertThat(directory.find(id.toString())).isPresent();

    execute("UPDATE stores SET signing_secret = 'v1:broken'");
    clock.advance(Duration.ofSeconds(6));

    assertThat(directory.find(id.toString()))
        .hasValueSatisfying(s -> assertThat(s.signingSecret()).isEqualTo("whsec-good"));
  }

  private void insert(UUID id, String platform, String secret, String previous, Instant expires)
      throws SQLException {
    insertRow(
        id, platform, BOX.seal(secret), previous == null ? null : BOX.seal(previous), expires);
  }

  private void insertSealed(UUID id, String sealedSecret, String sealedPrevious)
      throws SQLException {
    insertRow(id, "SHOPIFY", sealedSecret, sealedPrevious, null);
  }

  private void insertRow(
      UUID id, String platform, String sealed, String sealedPrevious, Instant expires)
      throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO stores (id, brand_id, platform, currency, signing_secret,"
                    + " previous_signing_secret, previous_secret_expires_at)"
                    + " VALUES (?, ?, ?, 'USD', ?, ?, ?)")) {
      insert.setObject(1, id);
      insert.setObject(2, UUID.randomUUID());
      insert.setString(3, platform);
      insert.setString(4, sealed);
      insert.setString(5, sealedPrevious);
      insert.setObject(6, expires == null ? null : java.sql.Timestamp.from(expires));
      insert.executeUpdate();
    }
  }

  /** What the api-server's rotation writes: both secrets sealed, with the grace period's end. */
  private void update(UUID id, String secret, String previous, Instant expires)
      throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE stores SET signing_secret = ?, previous_signing_secret = ?,"
                    + " previous_secret_expires_at = ? WHERE id = ?")) {
      update.setString(1, BOX.seal(secret));
      update.setString(2, BOX.seal(previous));
      update.setObject(3, expires == null ? null : java.sql.Timestamp.from(expires));
      update.setObject(4, id);
      update.executeUpdate();
    }
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, (byte) value);
    return bytes;
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
