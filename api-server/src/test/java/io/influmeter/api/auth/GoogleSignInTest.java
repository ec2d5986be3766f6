package io.influmeter.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.ApiConfig;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.FakeGoogle;
import io.influmeter.api.support.TestApi;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GoogleSignInTest extends ApiTest {
  private static final FakeGoogle GOOGLE = new FakeGoogle();

  @AfterAll
  static void stopGoogle() {
    GOOGLE.close();
  }

  @Override
  protected ApiConfig configure(ApiConfig config) {
    return TestApi.withGoogle(config, GOOGLE.config());
  }

  private Instant now() {
    return clock.instant();
  }

  @Test
  void a_valid_google_id_token_creates_an_influencer_on_first_sign_in_and_finds_it_later() {
    String token =
        GOOGLE.sign(FakeGoogle.claims(now(), "google-sub-1", "Murugi@Example.test").build());

    var first = http.post("/auth/google", Map.of("idToken", token));
    var second = http.post("/auth/google", Map.of("idToken", token));

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().at("/user/role").asText()).isEqualTo("INFLUENCER");
    assertThat(first.json().at("/user/email").asText()).isEqualTo("murugi@example.test");
    assertThat(first.json().at("/user/displayName").asText()).isEqualTo("Murugi Wanjiku");
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().at("/user/id")).isEqualTo(first.json().at("/user/id"));
    assertThat(http.get("/users/me", second.json().get("accessToken").asText()).status())
        .isEqualTo(200);
  }

  @Test
  void an_expired_google_id_token_is_refused() {
    Instant issued = now().minus(Duration.ofHours(3));
    var claims =
        FakeGoogle.claims(issued, "google-sub-2", "late@example.test")
            .expirationTime(Date.from(issued.plus(Duration.ofHours(1))))
            .build();

    var response = http.post("/auth/google", Map.of("idToken", GOOGLE.sign(claims)));

    assertThat(response.status()).isEqualTo(401);
  }

  @Test
  void a_google_id_token_for_another_audience_is_refused() {
    var claims =
        FakeGoogle.claims(now(), "google-sub-3", "other@example.test")
            .audience("someone-elses-app.apps.googleusercontent.com")
            .build();

    assertThat(http.post("/auth/google", Map.of("idToken", GOOGLE.sign(claims))).status())
        .isEqualTo(401);
  }

  @Test
  void a_google_id_token_with_a_bad_signature_is_refused() {
    var claims = FakeGoogle.claims(now(), "google-sub-4", "forged@example.test").build();

    var forged =
        http.post("/auth/google", Map.of("idToken", GOOGLE.signWithUnpublishedKey(claims)));
    String genuine = GOOGLE.sign(claims);
    String[] parts = genuine.split("\\.");
    String flipped =
        parts[0]
            + "."
            + parts[1]
            + "."
            + (parts[2].startsWith("A") ? "B" : "A")
            + parts[2].substring(1);
    var tampered = http.post("/auth/google", Map.of("idToken", flipped));

    assertThat(forged.status()).isEqualTo(401);
    assertThat(tampered.status()).isEqualTo(401);
  }

  @Test
  void a_google_id_token_from_another_issuer_is_refused() {
    var claims =
        FakeGoogle.claims(now(), "google-sub-5", "issuer@example.test")
            .issuer("https://evil.example.test")
            .build();

    assertThat(http.post("/auth/google", Map.of("idToken", GOOGLE.sign(claims))).status())
        .isEqualTo(401);
  }

  @Test
  void a_google_account_whose_email_is_not_verified_is_refused() {
    var claims =
        FakeGoogle.claims(now(), "google-sub-6", "unverified@example.test")
            .claim("email_verified", false)
            .build();

    assertThat(http.post("/auth/google", Map.of("idToken", GOOGLE.sign(claims))).status())
        .isEqualTo(401);
  }

  @Test
  void google_sign_in_links_to_an_influencer_who_registered_with_a_password() {
    var account = api.register("INFLUENCER");
    var claims = FakeGoogle.claims(now(), "google-sub-7", account.email()).build();

    var response = http.post("/auth/google", Map.of("idToken", GOOGLE.sign(claims)));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().at("/user/id").asText()).isEqualTo(account.id().toString());
  }

  @Test
  void google_sign_in_does_not_take_over_a_brand_account_with_the_same_email() {
    var brand = api.register("BRAND");
    var claims = FakeGoogle.claims(now(), "google-sub-8", brand.email()).build();

    var response = http.post("/auth/google", Map.of("idToken", GOOGLE.sign(claims)));

    assertThat(response.status()).isEqualTo(409);
  }
}
