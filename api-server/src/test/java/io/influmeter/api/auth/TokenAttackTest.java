package io.influmeter.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TokenAttackTest extends ApiTest {

  private static String unsigned(String headerJson, JWTClaimsSet claims) {
    return Base64URL.encode(headerJson.getBytes(StandardCharsets.UTF_8))
        + "."
        + Base64URL.encode(claims.toString().getBytes(StandardCharsets.UTF_8))
        + ".";
  }

  private static JWTClaimsSet claimsOf(String token) throws Exception {
    return SignedJWT.parse(token).getJWTClaimsSet();
  }

  private static JWTClaimsSet asAdmin(JWTClaimsSet claims) {
    return new JWTClaimsSet.Builder(claims).claim("role", "ADMIN").build();
  }

  @Test
  void a_genuine_token_is_accepted_so_the_refusals_below_mean_something() {
    var account = api.register("INFLUENCER");

    assertThat(http.get("/users/me", account.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void a_token_with_alg_none_is_refused() throws Exception {
    var account = api.register("INFLUENCER");
    var claims = claimsOf(account.accessToken());

    String none = unsigned("{\"alg\":\"none\",\"typ\":\"JWT\"}", claims);
    String noneCapitalised = unsigned("{\"alg\":\"None\"}", claims);

    assertThat(http.get("/users/me", none).status()).isEqualTo(401);
    assertThat(http.get("/users/me", noneCapitalised).status()).isEqualTo(401);
  }

  @Test
  void an_rs256_token_signed_with_the_attackers_own_embedded_key_is_refused() throws Exception {
    var account = api.register("INFLUENCER");
    RSAKey attackerKey = new RSAKeyGenerator(2048).generate();
    var header = new JWSHeader.Builder(JWSAlgorithm.RS256).jwk(attackerKey.toPublicJWK()).build();
    var jwt = new SignedJWT(header, claimsOf(account.accessToken()));
    jwt.sign(new RSASSASigner(attackerKey));

    assertThat(http.get("/users/me", jwt.serialize()).status()).isEqualTo(401);
  }

  @Test
  void an_hmac_token_keyed_with_a_public_key_is_refused() throws Exception {
    // The classic confusion: a verifier that trusts an RSA public key used as an HMAC secret.
    var account = api.register("INFLUENCER");
    RSAKey publicKey = new RSAKeyGenerator(2048).generate().toPublicJWK();
    var jwt =
        new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), asAdmin(claimsOf(account.accessToken())));
    jwt.sign(new MACSigner(publicKey.toRSAPublicKey().getEncoded()));

    assertThat(http.get("/users/me", jwt.serialize()).status()).isEqualTo(401);
  }

  @Test
  void a_token_signed_with_the_right_key_but_another_hmac_algorithm_is_refused() throws Exception {
    var account = api.register("INFLUENCER");
    byte[] longKey = new byte[64];
    System.arraycopy(TestApi.SIGNING_KEY, 0, longKey, 0, TestApi.SIGNING_KEY.length);
    var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claimsOf(account.accessToken()));
    jwt.sign(new MACSigner(longKey));

    assertThat(http.get("/users/me", jwt.serialize()).status()).isEqualTo(401);
  }

  @Test
  void a_token_signed_with_a_wrong_key_is_refused() throws Exception {
    var account = api.register("INFLUENCER");
    var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claimsOf(account.accessToken()));
    jwt.sign(
        new MACSigner(
            "another key that is also thirty-two bytes or more".getBytes(StandardCharsets.UTF_8)));

    assertThat(http.get("/users/me", jwt.serialize()).status()).isEqualTo(401);
  }

  @Test
  void an_expired_token_is_refused() {
    var account = api.register("BRAND");

    clock.advance(Duration.ofMinutes(16));

    assertThat(http.get("/users/me", account.accessToken()).status()).isEqualTo(401);
  }

  @Test
  void a_token_whose_payload_was_changed_is_refused() throws Exception {
    var account = api.register("INFLUENCER");
    String[] parts = account.accessToken().split("\\.");
    String tamperedPayload =
        Base64URL.encode(
                asAdmin(claimsOf(account.accessToken()))
                    .toString()
                    .getBytes(StandardCharsets.UTF_8))
            .toString();
    String tampered = parts[0] + "." + tamperedPayload + "." + parts[2];

    assertThat(http.get("/users/me", tampered).status()).isEqualTo(401);
    assertThat(http.get("/admin/audit-log", tampered).status()).isEqualTo(401);
  }

  @Test
  void a_token_of_a_logged_out_session_is_refused() {
    var account = api.register("INFLUENCER");
    http.post("/auth/logout", account.accessToken(), null);

    var response = http.get("/users/me", account.accessToken());

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  void a_suspended_users_tokens_stop_working_at_once() {
    var admin = api.admin();
    var account = api.register("INFLUENCER");

    var suspend =
        http.put(
            "/admin/users/" + account.id() + "/status",
            admin.accessToken(),
            Map.of("status", "SUSPENDED"));

    assertThat(suspend.status()).isEqualTo(200);
    assertThat(http.get("/users/me", account.accessToken()).status()).isEqualTo(401);
    assertThat(http.post("/auth/refresh", Map.of("refreshToken", account.refreshToken())).status())
        .isEqualTo(401);
    assertThat(
            http.post("/auth/login", Map.of("email", account.email(), "password", TestApi.PASSWORD))
                .status())
        .isEqualTo(403);
  }

  @Test
  void garbage_and_missing_tokens_get_the_same_401() {
    var missing = http.get("/users/me");
    var garbage = http.get("/users/me", "not.a.jwt");

    assertThat(missing.status()).isEqualTo(401);
    assertThat(garbage.status()).isEqualTo(401);
    assertThat(garbage.json().get("type")).isEqualTo(missing.json().get("type"));
  }

  @Test
  void tokens_signed_with_a_previous_key_still_work_after_rotation() {
    var account = api.register("BRAND");
    byte[] newKey =
        "the next signing key, also long enough to use".getBytes(StandardCharsets.UTF_8);
    var rotated =
        TestApi.start(
            TestApi.withSigningKeys(TestApi.config(), List.of(newKey, TestApi.SIGNING_KEY)),
            clock,
            TestDatabase.get());
    try {
      assertThat(rotated.http().get("/users/me", account.accessToken()).status()).isEqualTo(200);
      var fresh = rotated.login(account.email());
      // The old-key-only server does not know the new key.
      assertThat(http.get("/users/me", fresh.accessToken()).status()).isEqualTo(401);
    } finally {
      rotated.close();
    }
  }
}
