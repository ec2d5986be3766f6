package io.influmeter.api.stores;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.audit.AuditLog;
import io.influmeter.api.auth.Principal;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.http.Validation;
import io.influmeter.schemas.secrets.SecretBox;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A brand's stores: registration (webhook URL and signing secret), listing, secret rotation with a
 * grace period. A signing secret is shown exactly once, in the answer that created it; the table
 * holds it sealed with {@link SecretBox} (ingest, holding the same key, opens it to verify
 * webhooks), and neither answers after that nor the audit log ever carry it.
 */
public final class StoreService {
  public static final int DEFAULT_GRACE_HOURS = 24;
  public static final int MAX_GRACE_HOURS = 24 * 30;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DSLContext dsl;
  private final Clock clock;
  private final ObjectMapper json;
  private final SecretBox secrets;
  private final String ingestPublicUrl;

  public StoreService(
      DSLContext dsl, Clock clock, ObjectMapper json, SecretBox secrets, String ingestPublicUrl) {
    this.dsl = dsl;
    this.clock = clock;
    this.json = json;
    this.secrets = secrets;
    this.ingestPublicUrl = ingestPublicUrl;
  }

  public StoreViews.WithSecret register(
      Principal brand, StoreViews.Register body, String clientIp) {
    new Validation()
        .required("platform", body.platform())
        .required("displayName", body.displayName())
        .length("displayName", body.displayName(), 1, 200)
        .required("currency", body.currency())
        .check(
            body.currency() == null || body.currency().matches("[A-Z]{3}"),
            "currency",
            "must be an ISO 4217 code such as KES or USD")
        .throwIfInvalid();
    Instant now = clock.instant();
    String secret = newSecret();
    var row =
        new StoreRepository.Row(
            UUID.randomUUID(),
            brand.userId(),
            body.platform(),
            body.displayName().strip(),
            body.currency(),
            secrets.seal(secret),
            null,
            now,
            now);
    dsl.transaction(
        configuration -> {
          DSLContext tx = DSL.using(configuration);
          new StoreRepository(tx).insert(row);
          audit(tx, brand.userId(), "store.registered", row.id(), null, view(row), clientIp, now);
        });
    return new StoreViews.WithSecret(view(row), secret);
  }

  public List<StoreViews.Store> list(Principal brand) {
    return new StoreRepository(dsl).ofBrand(brand.userId()).stream().map(this::view).toList();
  }

  /**
   * A new secret becomes current at once; the old one keeps verifying for {@code graceHours} so the
   * brand can update the store without losing webhooks. Another brand's store is 404.
   */
  public StoreViews.WithSecret rotate(
      Principal brand, UUID storeId, StoreViews.Rotate body, String clientIp) {
    int graceHours =
        body == null || body.graceHours() == null ? DEFAULT_GRACE_HOURS : body.graceHours();
    new Validation()
        .check(
            graceHours >= 0 && graceHours <= MAX_GRACE_HOURS,
            "graceHours",
            "must be from 0 to " + MAX_GRACE_HOURS)
        .throwIfInvalid();
    String secret = newSecret();
    return dsl.transactionResult(
        configuration -> {
          DSLContext tx = DSL.using(configuration);
          var stores = new StoreRepository(tx);
          var row =
              stores
                  .findForUpdate(storeId)
                  .filter(s -> s.brandId().equals(brand.userId()))
                  .orElseThrow(ApiException::notFound);
          Instant now = clock.instant();
          Instant expires = now.plus(Duration.ofHours(graceHours));
          stores.rotate(storeId, secrets.seal(secret), row.sealedSecret(), expires, now);
          var after =
              new StoreRepository.Row(
                  row.id(),
                  row.brandId(),
                  row.platform(),
                  row.displayName(),
                  row.currency(),
                  null,
                  expires,
                  row.createdAt(),
                  now);
          audit(
              tx,
              brand.userId(),
              "store.secret-rotated",
              storeId,
              view(row),
              view(after),
              clientIp,
              now);
          return new StoreViews.WithSecret(view(after), secret);
        });
  }

  /** 256 random bits; the prefix tells a leaked string's origin at a glance. */
  private static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private StoreViews.Store view(StoreRepository.Row row) {
    return new StoreViews.Store(
        row.id(),
        row.platform(),
        row.displayName(),
        row.currency(),
        ingestPublicUrl
            + "/webhooks/"
            + row.platform().name().toLowerCase(Locale.ROOT)
            + "/"
            + row.id(),
        row.previousSecretExpiresAt(),
        row.createdAt(),
        row.updatedAt());
  }

  private void audit(
      DSLContext tx,
      UUID actor,
      String action,
      UUID storeId,
      StoreViews.Store before,
      StoreViews.Store after,
      String clientIp,
      Instant now) {
    // Views only: they have no secret field, so no secret can reach the audit log.
    new AuditLog(tx, json)
        .record(
            new AuditLog.Change(
                actor, action, "store", storeId.toString(), before, after, clientIp),
            now);
  }
}
