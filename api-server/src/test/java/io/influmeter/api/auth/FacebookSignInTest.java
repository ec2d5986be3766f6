package io.influmeter.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.ApiConfig;
import io.influmeter.api.support.ApiTest;
import io.influmeter.api.support.FakeFacebook;
import io.influmeter.api.support.TestApi;
import io.influmeter.api.support.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FacebookSignInTest extends ApiTest {
  private static final FakeFacebook FACEBOOK = new FakeFacebook();

  @AfterAll
  static void stopFacebook() {
    FACEBOOK.close();
  }

  @Override
  protected ApiConfig configure(ApiConfig config) {
    return TestApi.withFacebook(config, FACEBOOK.config());
  }

  private io.influmeter.api.support.Http.Response signIn(String code) {
    return http.post(
        "/auth/facebook", Map.of("code", code, "redirectUri", FakeFacebook.REDIRECT_URI));
  }

  @Test
  void a_valid_code_creates_an_influencer_on_first_login_and_finds_it_later() {
    var first = signIn(FACEBOOK.authorize("10001", "Njugush", "Njugush@Example.test"));
    var second = signIn(FACEBOOK.authorize("10001", "Njugush", "njugush@example.test"));

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().at("/user/role").asText()).isEqualTo("INFLUENCER");
    assertThat(first.json().at("/user/email").asText()).isEqualTo("njugush@example.test");
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().at("/user/id")).isEqualTo(first.json().at("/user/id"));
  }

  @Test
  void an_unknown_reused_or_misdirected_code_is_refused() {
    String code = FACEBOOK.authorize("10002", "Once", "once@example.test");
    assertThat(signIn(code).status()).isEqualTo(200);

    var reused = signIn(code);
    var unknown = signIn("AQDmadeup");
    var misdirected =
        http.post(
            "/auth/facebook",
            Map.of(
                "code",
                FACEBOOK.authorize("10003", "Else", "else@example.test"),
                "redirectUri",
                "https://evil.example.test/callback"));

    assertThat(reused.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(misdirected.status()).isEqualTo(401);
  }

  @Test
  void a_facebook_account_without_a_confirmed_email_is_asked_to_sign_up_another_way() {
    var response = signIn(FACEBOOK.authorize("10004", "Phone Only", null));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("type").asText()).isEqualTo("/problems/email-required");
  }

  @Test
  void facebook_login_is_off_when_not_configured() {
    var unconfigured = TestApi.start(TestApi.config(), clock, TestDatabase.get());
    try {
      var response =
          unconfigured
              .http()
              .post(
                  "/auth/facebook",
                  Map.of(
                      "code",
                      FACEBOOK.authorize("10005", "Off", "off@example.test"),
                      "redirectUri",
                      FakeFacebook.REDIRECT_URI));

      assertThat(response.status()).isEqualTo(404);
    } finally {
      unconfigured.close();
    }
  }
}
