package io.influmeter.api.stores;

import static io.influmeter.api.db.Tables.AUDIT_LOG;
import static io.influmeter.api.db.Tables.STORES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import io.influmeter.schemas.secrets.SecretBox;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoresTest extends ApiTest {
  private final DSLContext db = TestDatabase.get().dsl();
  private final SecretBox box = new SecretBox(TestApi.STORE_SECRET_KEY);

  private io.influmeter.api.support.Http.Response register(TestApi.Account brand) {
    return http.post(
        "/brands/stores",
        brand.accessToken(),
        Map.of("platform", "SHOPIFY", "displayName", "Murugi Styles", "currency", "KES"));
  }

  @Test
  void a_registered_store_gets_its_webhook_url_and_a_secret_that_is_stored_only_sealed() {
    var brand = api.register("BRAND");

    var created = register(brand);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().at("/store/id").asText();
    String secret = created.json().get("signingSecret").asText();
    assertThat(created.json().at("/store/webhookUrl").asText())
        .isEqualTo(TestApi.INGEST_PUBLIC_URL + "/webhooks/shopify/" + id);
    assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
    String stored =
        db.select(STORES.SIGNING_SECRET)
            .from(STORES)
            .where(STORES.ID.eq(UUID.fromString(id)))
            .fetchOne(STORES.SIGNING_SECRET);
    assertThat(stored).startsWith("v1:").doesNotContain(secret);
    assertThat(box.open(stored)).isEqualTo(secret);
  }

  @Test
  void the_secret_is_shown_once_never_listed_and_never_audited() {
    var brand = api.register("BRAND");
    String secret = register(brand).json().get("signingSecret").asText();

    var list = http.get("/brands/stores", brand.accessToken());

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json()).hasSize(1);
    assertThat(list.json().at("/0/displayName").asText()).isEqualTo("Murugi Styles");
    assertThat(list.json().at("/0").has("signingSecret")).isFalse();
    assertThat(list.body()).doesNotContain(secret).doesNotContain("v1:");
    var audit = db.selectFrom(AUDIT_LOG).where(AUDIT_LOG.TARGET_TYPE.eq("store")).fetchSingle();
    assertThat(audit.getAction()).isEqualTo("store.registered");
    assertThat(audit.getAfterState().data()).doesNotContain(secret).doesNotContain("v1:");
  }

  @Test
  void rotation_issues_a_new_secret_and_keeps_the_old_one_for_the_grace_period() {
    var brand = api.register("BRAND");
    var created = register(brand).json();
    String id = created.at("/store/id").asText();
    String oldSecret = created.get("signingSecret").asText();

    var rotated =
        http.post(
            "/brands/stores/" + id + "/rotate-secret",
            brand.accessToken(),
            Map.of("graceHours", 6));

    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    String newSecret = rotated.json().get("signingSecret").asText();
    assertThat(newSecret).isNotEqualTo(oldSecret);
    Instant expires = Instant.parse(rotated.json().at("/store/previousSecretExpiresAt").asText());
    assertThat(expires).isEqualTo(clock.instant().plus(Duration.ofHours(6)));
    var row = db.selectFrom(STORES).where(STORES.ID.eq(UUID.fromString(id))).fetchSingle();
    assertThat(box.open(row.getSigningSecret())).isEqualTo(newSecret);
    assertThat(box.open(row.getPreviousSigningSecret())).isEqualTo(oldSecret);
    // PostgreSQL keeps microseconds (rounded).
    assertThat(row.getPreviousSecretExpiresAt().toInstant())
        .isCloseTo(expires, within(1, ChronoUnit.MICROS));
    var audit =
        db.selectFrom(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq("store.secret-rotated")).fetchSingle();
    assertThat(audit.getBeforeState().data() + audit.getAfterState().data())
        .doesNotContain(oldSecret)
        .doesNotContain(newSecret)
        .doesNotContain("v1:");
  }

  @Test
  void rotation_without_a_body_uses_a_day_of_grace_and_bad_grace_is_refused() {
    var brand = api.register("BRAND");
    String id = register(brand).json().at("/store/id").asText();

    var rotated = http.post("/brands/stores/" + id + "/rotate-secret", brand.accessToken(), null);
    var negative =
        http.post(
            "/brands/stores/" + id + "/rotate-secret",
            brand.accessToken(),
            Map.of("graceHours", -1));

    assertThat(rotated.status()).isEqualTo(200);
    assertThat(Instant.parse(rotated.json().at("/store/previousSecretExpiresAt").asText()))
        .isEqualTo(clock.instant().plus(24, ChronoUnit.HOURS));
    assertThat(negative.status()).isEqualTo(400);
    assertThat(negative.json().at("/errors/0/field").asText()).isEqualTo("graceHours");
  }

  @Test
  void another_brands_store_is_not_found_and_not_listed() {
    var brand = api.register("BRAND");
    var otherBrand = api.register("BRAND");
    String id = register(brand).json().at("/store/id").asText();
    String before = db.select(STORES.SIGNING_SECRET).from(STORES).fetchOne(STORES.SIGNING_SECRET);

    var rotate =
        http.post("/brands/stores/" + id + "/rotate-secret", otherBrand.accessToken(), null);

    assertThat(rotate.status()).isEqualTo(404);
    assertThat(http.get("/brands/stores", otherBrand.accessToken()).json()).isEmpty();
    assertThat(db.select(STORES.SIGNING_SECRET).from(STORES).fetchOne(STORES.SIGNING_SECRET))
        .isEqualTo(before);
  }

  @Test
  void a_registration_with_bad_fields_names_each_of_them() {
    var brand = api.register("BRAND");

    var response =
        http.post(
            "/brands/stores",
            brand.accessToken(),
            Map.of("platform", "SHOPIFY", "displayName", "", "currency", "kes"));
    var unknownPlatform =
        http.post(
            "/brands/stores",
            brand.accessToken(),
            Map.of("platform", "MAGENTO", "displayName", "Shop", "currency", "KES"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().findValuesAsText("field")).contains("displayName", "currency");
    assertThat(unknownPlatform.status()).isEqualTo(400);
    assertThat(unknownPlatform.json().at("/errors/0/field").asText()).isEqualTo("platform");
  }
}
